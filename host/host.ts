/**
 * ProxyWasmHost: one plugin (root context) on one VM, driven the way Envoy drives a wasm HTTP filter on a worker
 * thread. It owns what outlives a VM (metrics, shared data and queues, the clock, VM-level records), applies the
 * failure policy between streams (reload builds a fresh VM for the next stream), delivers HTTP-call answers and
 * queue notifications through a dispatcher, fires ticks, and handles configuration changes like Envoy (a canary
 * VM first, then a new root context on the running VM).
 */

import type { AbiVersion } from "./abi.js";
import { LogLevel, logLevelNames } from "./abi.js";
import { SimClock } from "./clock.js";
import type { FailurePolicy, HostCore } from "./core.js";
import { HostLoadError } from "./errors.js";
import { GrpcCallBroker, type GrpcClusterSpec, type PendingGrpcCall } from "./grpc-calls.js";
import { HttpCallBroker, type ClusterSpec, type HttpCallAnswer, type PendingHttpCall } from "./http-calls.js";
import { MetricStore, type MetricKind } from "./metrics.js";
import { CorruptModuleError, readModuleInfo, type ModuleInfo } from "./module-info.js";
import type { PropertyValue } from "./properties.js";
import type { Plugin, RootContext } from "./root-context.js";
import { SharedData } from "./shared-data.js";
import { SharedQueues } from "./shared-queues.js";
import { HttpStream } from "./stream.js";
import type { StreamResult } from "./stream-result.js";
import { toBytes, type StreamSpec } from "./stream-spec.js";
import { newSink, type LogEntry, type Sink, type TraceEvent } from "./trace.js";
import type { TrapInfo } from "./trap.js";
import { Vm } from "./vm.js";

export interface HostOptions {
  /** Properties plugin_root_id / plugin_vm_id / plugin_name. */
  rootId?: string;
  vmId?: string;
  pluginName?: string;
  /** Buffer 7, readable in proxy_on_configure. */
  pluginConfig?: string | Uint8Array;
  /** Buffer 6. */
  vmConfig?: string | Uint8Array;
  /** WASI environ (Envoy's vm_config.environment_variables). */
  environment?: Record<string, string>;
  /** Default fail-closed. */
  failurePolicy?: FailurePolicy;
  /**
   * Envoy's per_connection_buffer_limit_bytes (default 1 MiB): a body buffered with StopIterationAndBuffer past it
   * gets 413 (request), 500 or a reset (response).
   */
  bufferLimitBytes?: number;
  /**
   * The wasm filter configuration's allow_on_headers_stop_iteration (Envoy 1.35+, default false): with it a headers
   * callback's StopIteration holds only the headers and the body callbacks still run; without it Envoy turns
   * StopIteration into StopAllIterationAndWatermark.
   */
  allowOnHeadersStopIteration?: boolean;
  /**
   * The seed of the deterministic generator behind WASI random_get (xorshift32; every VM starts from it), so runs
   * of filters that use `random()` or `uuid()` are reproducible. Default 0x9e3779b9; 0 means the default.
   */
  randomSeed?: number;
  /** The wall-clock time the simulated clock starts at (Unix ms; default 2025-01-01, for reproducible runs). */
  startUnixMs?: number;
  /** proxy_get_log_level; lines below it are dropped. Default 2 (info), like Envoy. */
  logLevel?: number;
  /** Record a full trace (default true; false for benchmarks). */
  trace?: boolean;
  /**
   * Upstreams for proxy_http_call, by cluster name: a script (which may answer asynchronously), or "manual" to
   * answer each call yourself with respondHttpCall. A call to any other name is BadArgument, as in Envoy.
   */
  clusters?: Record<string, ClusterSpec>;
  /**
   * gRPC services for proxy_grpc_call and proxy_grpc_stream, by cluster name and then "package.Service/Method": a
   * canned answer (messages, status, metadata, delay), "no-answer", or a function of the request (which may answer
   * with a promise); or one function answering every method of the cluster. A gRPC call to any other cluster is
   * ParseFailure, as in current Envoy.
   */
  grpcClusters?: Record<string, GrpcClusterSpec>;
  /** Names trap sites by wasm function index (default: the module's name section). */
  functionNames?: (index: number) => string | undefined;
  /** Maps a trap site's function name to something meaningful, e.g. `rule "admin" (rules.fw:3)`. */
  annotate?: (wasmFunctionName: string) => string | undefined;
  /** Extra properties for every context, by dotted path (e.g. "xds.node.id"). */
  properties?: Record<string, PropertyValue>;
  /** Shared data and queues to share with other hosts (Envoy shares them per VM id across the process). */
  shared?: SharedState;
}

/**
 * Process-wide state Envoy shares between VMs with the same vm_id: shared data and queues, and the stats store
 * (a metric of one name is one stat for every worker, and outlives a filter reload).
 */
export class SharedState {
  readonly data = new SharedData();
  readonly queues = new SharedQueues();
  readonly metrics = new MetricStore();
}

const MAX_DISPATCH_EVENTS = 100_000;

/** Envoy's default per_connection_buffer_limit_bytes. */
export const DEFAULT_BUFFER_LIMIT_BYTES = 1024 * 1024;

export async function loadHost(wasm: Uint8Array, options: HostOptions = {}): Promise<ProxyWasmHost> {
  let info: ModuleInfo;
  try {
    info = readModuleInfo(wasm);
  } catch (error) {
    if (error instanceof CorruptModuleError) {
      throw new HostLoadError("Failed to parse corrupted Wasm module", "UnableToInitializeCode");
    }
    throw error;
  }
  if (info.abi === undefined) {
    throw new HostLoadError("Missing or unknown Proxy-Wasm ABI version", "UnableToInitializeCode");
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HostLoadError(`Failed to load Wasm bytecode: ${detail}`, "UnableToInitializeCode");
  }
  return new ProxyWasmHost(module, info, info.abi, options);
}

export class ProxyWasmHost {
  /** VM-level log lines (start-up, configure, ticks, and root callbacks outside any stream). */
  readonly logs: LogEntry[];
  private readonly core: HostCore;
  private readonly vmSink: Sink = newSink();
  private readonly calls: HttpCallBroker;
  private readonly grpcCalls: GrpcCallBroker;
  private readonly tasks: Array<() => void> = [];
  private vm: Vm;
  private root: RootContext;
  private plugin: Plugin;
  private streamCounter = 0;

  /** Use loadHost(); this runs the start-up sequence and throws HostLoadError like Envoy rejecting the config. */
  constructor(
    private readonly module: WebAssembly.Module,
    private readonly info: ModuleInfo,
    private readonly abi: AbiVersion,
    options: HostOptions,
  ) {
    this.logs = this.vmSink.logs;
    const shared = options.shared ?? new SharedState();
    const host = this;
    this.core = {
      logLevel: options.logLevel ?? LogLevel.Info,
      tracing: options.trace ?? true,
      failurePolicy: options.failurePolicy ?? "fail-closed",
      bufferLimitBytes: options.bufferLimitBytes ?? DEFAULT_BUFFER_LIMIT_BYTES,
      allowOnHeadersStopIteration: options.allowOnHeadersStopIteration ?? false,
      randomSeed: options.randomSeed ?? 0,
      clock: new SimClock(options.startUnixMs),
      metrics: shared.metrics,
      sharedData: shared.data,
      sharedQueues: shared.queues,
      queueOwner: { notify: (rootId, token) => host.post(() => host.queueReady(rootId, token)) },
      environment: Object.entries(options.environment ?? {}),
      customProperties: options.properties ? new Map(Object.entries(options.properties)) : undefined,
      naming: { functionNames: options.functionNames, annotate: options.annotate },
      vmSink: this.vmSink,
      driving: null,
      hasCluster: (name) => host.calls.hasCluster(name),
      httpCallStarted: (call) => host.calls.started(call),
      get grpc() {
        return host.grpcCalls;
      },
      post: (task) => host.post(task),
      dispatch: () => host.dispatch(),
      respondHttpCall: (token, answer) => host.respondHttpCall(token, answer),
    };
    this.calls = new HttpCallBroker(this.core, options.clusters ?? {});
    this.grpcCalls = new GrpcCallBroker(this.core, options.grpcClusters ?? {});
    this.plugin = {
      name: options.pluginName ?? "",
      rootId: options.rootId ?? "",
      vmId: options.vmId ?? "",
      configuration: toBytes(options.pluginConfig),
      vmConfiguration: toBytes(options.vmConfig),
    };
    const started = this.startVm(this.plugin);
    this.vm = started.vm;
    this.root = started.root;
    this.dispatch();
  }

  /** "failed" once the current VM has faulted (until a reload replaces it). */
  get state(): "ok" | "failed" {
    return this.vm.failed ? "failed" : "ok";
  }

  /** The fault that failed the current VM. */
  get failure(): TrapInfo | undefined {
    return this.vm.failure;
  }

  /** VM-level trace events (empty when tracing is off). */
  get trace(): TraceEvent[] {
    return this.vmSink.trace;
  }

  /** A whole stream: request from the spec, upstream answer from spec.response, then done/log/delete. */
  runStream(spec: StreamSpec = {}): StreamResult {
    const stream = this.openStream(spec, true);
    stream.run();
    if (!stream.responseComplete && this.waiting().length > 0) {
      stream.close();
      throw new Error("runStream: a cluster answered asynchronously; use runStreamAsync");
    }
    return stream.close();
  }

  /** runStream for clusters that answer with promises: waits for them while the stream needs them. */
  async runStreamAsync(spec: StreamSpec = {}): Promise<StreamResult> {
    const stream = this.openStream(spec, true);
    stream.run();
    while (!stream.responseComplete) {
      const waiting = this.waiting();
      if (waiting.length === 0) break;
      await Promise.race(waiting);
      stream.dispatch();
    }
    return stream.close();
  }

  /**
   * A stream driven step by step (requestHeaders, requestBody, requestTrailers, responseHeaders, responseBody,
   * responseTrailers, close). With autoRespond the upstream answers from spec.response as soon as the request
   * has passed the filter.
   */
  openStream(spec: StreamSpec = {}, autoRespond = false): HttpStream {
    this.reloadIfFailed();
    const vm = this.vm;
    const number = ++this.streamCounter;
    const id = vm.failed ? 0 : vm.allocContextId();
    const stream = new HttpStream(this.core, vm, this.root, id, number, spec, autoRespond);
    if (id !== 0) vm.contexts.set(id, stream);
    return stream;
  }

  /** Advances the simulated clock, firing proxy_on_tick on every root context whose timer comes due. */
  tick(ms: number): void {
    const clock = this.core.clock;
    const target = clock.elapsedMs + Math.max(0, Math.trunc(ms));
    for (;;) {
      const vm = this.vm;
      if (vm.failed) break;
      let due: RootContext | undefined;
      for (const ctx of vm.contexts.rootContexts()) {
        if (ctx.deleted || ctx.tickPeriodMs === 0 || ctx.nextTickMs > target) continue;
        if (due === undefined || ctx.nextTickMs < due.nextTickMs) due = ctx;
      }
      if (due === undefined) break;
      clock.elapsedMs = due.nextTickMs;
      if (vm.has("proxy_on_tick")) {
        vm.invoke(due, "proxy_on_tick", due.id);
        vm.flush();
      }
      // Envoy re-arms the timer after the callback with the period then in force (0 leaves it off).
      if (due.tickPeriodMs > 0) due.nextTickMs = clock.elapsedMs + due.tickPeriodMs;
      this.dispatch();
    }
    clock.elapsedMs = target;
  }

  /**
   * A plugin configuration change. Like Envoy: a canary VM must accept it first (otherwise false, and nothing
   * changes); then the running VM gets a new root context (next context id) that new streams use, and the old root
   * context is shut down (proxy_on_done, then proxy_on_delete unless it asked to finish later with proxy_done).
   */
  reconfigure(pluginConfig: string | Uint8Array): boolean {
    const plugin: Plugin = { ...this.plugin, configuration: toBytes(pluginConfig) };
    let canary: { vm: Vm; root: RootContext };
    try {
      canary = this.startVm(plugin);
    } catch (error) {
      this.hostLog(LogLevel.Error, `Wasm plugin configuration rejected: ${(error as Error).message}`);
      return false;
    }
    if (this.vm.failed) {
      // A failed VM is not reused; the canary, freshly started with this configuration, takes its place.
      this.vm = canary.vm;
      this.root = canary.root;
      this.plugin = plugin;
      return true;
    }
    const vm = this.vm;
    let root: RootContext;
    try {
      root = vm.startRoot(plugin);
      vm.configure(root);
    } catch (error) {
      this.hostLog(LogLevel.Error, `Wasm plugin configuration rejected: ${(error as Error).message}`);
      return false;
    }
    const previous = this.root;
    this.root = root;
    this.plugin = plugin;
    vm.shutdownRoot(previous);
    this.dispatch();
    return true;
  }

  /** Guest-defined metrics by name (histogram value: the sum of recorded values; count: how many). */
  metrics(): Map<string, { type: MetricKind; value: bigint; count?: bigint }> {
    return this.core.metrics.snapshot();
  }

  /** Current linear memory size in 64 KiB pages. */
  memoryPages(): number {
    return this.vm.pages();
  }

  /** HTTP calls dispatched by the plugin and not answered yet. */
  pendingHttpCalls(): PendingHttpCall[] {
    return this.calls.pending();
  }

  /** gRPC calls and streams the plugin opened that have not been answered or closed. */
  pendingGrpcCalls(): PendingGrpcCall[] {
    return this.grpcCalls.pending();
  }

  /** Answers a pending HTTP call now (a "manual" cluster's, or ahead of its script). */
  respondHttpCall(token: number, answer: HttpCallAnswer): boolean {
    const delivered = this.calls.respond(token, answer);
    if (delivered) this.dispatch();
    return delivered;
  }

  /** Runs queued asynchronous events (HTTP-call answers, queue notifications) until none is left. */
  dispatch(): void {
    let budget = MAX_DISPATCH_EVENTS;
    while (this.tasks.length > 0) {
      if (--budget < 0) {
        this.hostLog(LogLevel.Error, `dispatcher stopped after ${MAX_DISPATCH_EVENTS} events (an event loop in the plugin?)`);
        this.tasks.length = 0;
        break;
      }
      this.tasks.shift()!();
    }
  }

  /** Waits for asynchronous cluster answers and delivers them until nothing is pending. */
  async settle(): Promise<void> {
    this.dispatch();
    for (;;) {
      const waiting = this.waiting();
      if (waiting.length === 0) return;
      await Promise.race(waiting);
      this.dispatch();
    }
  }

  // ---- internals ----

  /** Answers asynchronous HTTP clusters and gRPC services are still computing. */
  private waiting(): Array<Promise<void>> {
    return [...this.calls.waiting(), ...this.grpcCalls.waiting()];
  }

  private startVm(plugin: Plugin): { vm: Vm; root: RootContext } {
    const vm = new Vm(this.core, this.module, this.info, this.abi, plugin);
    const root = vm.startRoot(plugin);
    vm.configure(root);
    return { vm, root };
  }

  /** FAIL_RELOAD: a failed VM is replaced by a fresh one before the next stream (no backoff). */
  private reloadIfFailed(): void {
    if (!this.vm.failed || this.core.failurePolicy !== "reload") return;
    try {
      const fresh = this.startVm(this.plugin);
      this.vm = fresh.vm;
      this.root = fresh.root;
      if (this.core.tracing) this.vmSink.trace.push({ type: "vm", action: "reload" });
    } catch (error) {
      this.hostLog(LogLevel.Error, `Failed to reload Wasm VM: ${(error as Error).message}`);
    }
  }

  private post(task: () => void): void {
    this.tasks.push(task);
  }

  private hostLog(level: number, message: string): void {
    if (level < this.core.logLevel) return;
    const sink = this.core.driving?.sink ?? this.vmSink;
    sink.logs.push({ level, levelName: logLevelNames[level] ?? String(level), message, contextId: 0 });
  }

  private queueReady(rootId: number, token: number): void {
    const vm = this.vm;
    const ctx = vm.contexts.get(rootId);
    if (vm.failed || ctx === undefined || ctx.kind !== "root" || !vm.has("proxy_on_queue_ready")) return;
    vm.invoke(ctx, "proxy_on_queue_ready", rootId, token);
    vm.flush();
  }
}
