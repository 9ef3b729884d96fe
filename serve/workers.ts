/**
 * The filter's VMs, one per worker, as Envoy runs one copy of a wasm filter per worker thread: each worker has its
 * own VM and linear memory (per-worker state such as rate-limit buckets and label sets stays apart), and all share
 * shared data, queues and the stats store (SharedState). Requests go to the workers in turn, as connections spread
 * over Envoy's workers.
 */

import { loadHost, SharedState, type ClusterSpec, type FailurePolicy, type GrpcClusterSpec, type ProxyWasmHost } from "../host/index.js";
import type { FilterUnderTest } from "../compiler/testing/index.js";

export interface WorkerSettings {
  readonly workers: number;
  readonly failurePolicy: FailurePolicy;
  readonly bufferLimitBytes: number;
  readonly pluginConfig: string;
  /** proxy_http_call clusters for one worker (they need to know which worker's stream made the call). */
  readonly clusters: (worker: Worker) => Record<string, ClusterSpec>;
  /** gRPC clusters for one worker, likewise. */
  readonly grpcClusters: (worker: Worker) => Record<string, GrpcClusterSpec>;
}

/** One worker: its VM, and the exchange whose step is running on it (HTTP calls made now belong to it). */
export class Worker {
  host!: ProxyWasmHost;
  /** Called when an HTTP or gRPC call's answer has arrived: the exchange that made it delivers it on its stream. */
  driving: { deliverCallAnswers(): void } | undefined;
  private lastMs = Date.now();

  constructor(readonly index: number) {}

  /**
   * `answer` (an HTTP or gRPC call's) handed to the exchange whose step made the call: the host takes it when the
   * promise settles, and that exchange's stream delivers it on its next turn.
   */
  deliverWhenSettled<T>(answer: Promise<T>): Promise<T> {
    const waiting = this.driving;
    return answer.then((value) => {
      if (waiting !== undefined) setImmediate(() => waiting.deliverCallAnswers());
      return value;
    });
  }

  /** The simulated clock follows the wall clock: timers fire and rate-limit buckets refill in real time. */
  catchUpClock(): void {
    const now = Date.now();
    if (now > this.lastMs) {
      this.host.tick(now - this.lastMs);
      this.lastMs = now;
    }
  }
}

/** A generation of workers running one build of the filter; a reload makes a new generation. */
export class WorkerSet {
  private next = 0;

  private constructor(
    readonly filter: FilterUnderTest,
    readonly workers: readonly Worker[],
  ) {}

  /** Loads the filter on every worker; throws HostLoadError when the filter refuses to start. */
  static async start(filter: FilterUnderTest, settings: WorkerSettings, shared: SharedState): Promise<WorkerSet> {
    const workers: Worker[] = [];
    for (let i = 0; i < settings.workers; i++) {
      const worker = new Worker(i);
      worker.host = await loadHost(filter.wasm, {
        rootId: filter.rootId,
        pluginConfig: settings.pluginConfig,
        failurePolicy: settings.failurePolicy,
        bufferLimitBytes: settings.bufferLimitBytes,
        allowOnHeadersStopIteration: filter.holdsHeaders,
        annotate: filter.annotate,
        clusters: settings.clusters(worker),
        grpcClusters: settings.grpcClusters(worker),
        shared,
        startUnixMs: Date.now(),
        // Tracing records which rules fired (their coverage counters) for the access log.
        trace: true,
      });
      workers.push(worker);
    }
    return new WorkerSet(filter, workers);
  }

  /** The next worker in turn. */
  pick(): Worker {
    const worker = this.workers[this.next]!;
    this.next = (this.next + 1) % this.workers.length;
    return worker;
  }

  /** The VMs' own log lines since the last look (start-up, configuration), once: every worker's VM says the same. */
  takeLogs(): string[] {
    const logs = this.workers.map((w) => w.host.logs.splice(0));
    return (logs[0] ?? []).map((log) => `[filter ${log.levelName}] ${log.message}\n`);
  }

  /** A plugin configuration change on every worker; false (nothing changed) if a worker's canary refused it. */
  reconfigure(pluginConfig: string): boolean {
    return this.workers.every((w) => w.host.reconfigure(pluginConfig));
  }
}

export { SharedState };
