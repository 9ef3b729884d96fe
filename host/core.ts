/**
 * Services every VM of one host shares and that outlive a VM reload: options, the simulated clock, metrics,
 * shared data and queues, the dispatcher for asynchronous events, and where records go.
 */

import type { SimClock } from "./clock.js";
import type { MetricStore } from "./metrics.js";
import type { PropertyValue } from "./properties.js";
import type { SharedData } from "./shared-data.js";
import type { QueueOwner, SharedQueues } from "./shared-queues.js";
import type { HttpStream } from "./stream.js";
import type { Sink } from "./trace.js";
import type { TrapNaming } from "./trap.js";
import type { HttpCall, HttpCallAnswer } from "./http-calls.js";
import type { GrpcCallBroker } from "./grpc-calls.js";

export type FailurePolicy = "fail-closed" | "fail-open" | "reload";

export interface HostCore {
  readonly logLevel: number;
  readonly tracing: boolean;
  readonly failurePolicy: FailurePolicy;
  /** Envoy's per_connection_buffer_limit_bytes: how much body a filter may buffer with StopIterationAndBuffer. */
  readonly bufferLimitBytes: number;
  /** The wasm filter's allow_on_headers_stop_iteration (Envoy 1.35+). */
  readonly allowOnHeadersStopIteration: boolean;
  /** The seed of WASI random_get's deterministic generator in each VM (HostOptions.randomSeed). */
  readonly randomSeed: number;
  readonly clock: SimClock;
  readonly metrics: MetricStore;
  readonly sharedData: SharedData;
  readonly sharedQueues: SharedQueues;
  readonly queueOwner: QueueOwner;
  readonly environment: ReadonlyArray<readonly [string, string]>;
  readonly customProperties: ReadonlyMap<string, PropertyValue> | undefined;
  readonly naming: Omit<TrapNaming, "functionName"> & { functionNames?: (index: number) => string | undefined };
  /** Where VM-level records go (start-up, configure, ticks) when no stream is being driven. */
  readonly vmSink: Sink;
  /** The stream whose step is running: root callbacks it triggers (HTTP-call answers, queue events) record there. */
  driving: HttpStream | null;
  /** Known cluster names: proxy_http_call to any other is BadArgument. */
  hasCluster(name: string): boolean;
  /** A proxy_http_call was accepted. */
  httpCallStarted(call: HttpCall): void;
  /** gRPC services and the calls and streams in flight. */
  readonly grpc: GrpcCallBroker;
  /** Queue a task to run after the current guest call, like Envoy's dispatcher.post. */
  post(task: () => void): void;
  /** Run queued tasks now (the end of an event-loop turn). */
  dispatch(): void;
  /** Answer a pending HTTP call now; false if there is no such call. */
  respondHttpCall(token: number, answer: HttpCallAnswer): boolean;
}
