/**
 * One instance of a module and its lifecycle, following proxy-wasm-cpp-host: link, look up exports (checking
 * their signatures), run the start functions under the start-up restriction, create root contexts, and call into
 * the guest with the current/effective context set. Any fault inside the guest (trap, stack overflow, a host
 * function throwing) is caught at that boundary and puts the VM in the failed state; nothing is called on a failed
 * VM again.
 */

import type { AbiVersion } from "./abi.js";
import { LogLevel, logLevelNames } from "./abi.js";
import type { HostCore } from "./core.js";
import { ContextTable, type Context } from "./context-table.js";
import { GuestTrap, HostLoadError } from "./errors.js";
import { link } from "./imports/link.js";
import { GuestMemory } from "./memory.js";
import { MetricIds } from "./metrics.js";
import { pairsByteLength, type HeaderList } from "./pairs.js";
import { formatTypes, type ModuleInfo } from "./module-info.js";
import { RootContext, type Plugin } from "./root-context.js";
import type { Sink, TraceEvent } from "./trace.js";
import { describeTrap, type TrapInfo } from "./trap.js";
import { shortUtf8, utf8Length } from "./utf8.js";

export type { Context } from "./context-table.js";

export type Export = (...args: number[]) => number | undefined;

/** Signatures cpp-host insists on for the exports it looks up ("params -> results"). */
const CALLBACK_TYPES: Record<string, string> = {
  _initialize: "->",
  _start: "->",
  main: "i32 i32->i32",
  __main_void: "->i32",
  malloc: "i32->i32",
  proxy_on_memory_allocate: "i32->i32",
  proxy_validate_configuration: "i32 i32->i32",
  proxy_on_vm_start: "i32 i32->i32",
  proxy_on_configure: "i32 i32->i32",
  proxy_on_tick: "i32->",
  proxy_on_context_create: "i32 i32->",
  proxy_on_new_connection: "i32->i32",
  proxy_on_downstream_data: "i32 i32 i32->i32",
  proxy_on_upstream_data: "i32 i32 i32->i32",
  proxy_on_downstream_connection_close: "i32 i32->",
  proxy_on_upstream_connection_close: "i32 i32->",
  proxy_on_request_headers: "i32 i32 i32->i32",
  proxy_on_request_body: "i32 i32 i32->i32",
  proxy_on_request_trailers: "i32 i32->i32",
  proxy_on_request_metadata: "i32 i32->i32",
  proxy_on_response_headers: "i32 i32 i32->i32",
  proxy_on_response_body: "i32 i32 i32->i32",
  proxy_on_response_trailers: "i32 i32->i32",
  proxy_on_response_metadata: "i32 i32->i32",
  proxy_on_http_call_response: "i32 i32 i32 i32 i32->",
  proxy_on_grpc_receive: "i32 i32 i32->",
  proxy_on_grpc_close: "i32 i32 i32->",
  proxy_on_grpc_create_initial_metadata: "i32 i32 i32->",
  proxy_on_grpc_receive_initial_metadata: "i32 i32 i32->",
  proxy_on_grpc_receive_trailing_metadata: "i32 i32 i32->",
  proxy_on_queue_ready: "i32 i32->",
  proxy_on_foreign_function: "i32 i32 i32->",
  proxy_on_done: "i32->i32",
  proxy_on_log: "i32->",
  proxy_on_delete: "i32->",
  envoy_on_resolve_dns: "i32 i32 i32->",
  envoy_on_stats_update: "i32 i32->",
};
/** ABI 0.1.0 header callbacks had no end_of_stream parameter. */
const ABI_010_TYPES: Record<string, string> = {
  proxy_on_request_headers: "i32 i32->i32",
  proxy_on_response_headers: "i32 i32->i32",
};

/** The callbacks every stream may make, looked up once: a stream consults them several times. */
export interface StreamCallbacks {
  readonly contextCreate: Export | undefined;
  readonly requestHeaders: Export | undefined;
  readonly requestBody: Export | undefined;
  readonly requestTrailers: Export | undefined;
  readonly responseHeaders: Export | undefined;
  readonly responseBody: Export | undefined;
  readonly responseTrailers: Export | undefined;
  readonly done: Export | undefined;
  readonly log: Export | undefined;
  readonly delete: Export | undefined;
}

const RESTRICTION_NONE = 0;
const RESTRICTION_STARTUP = 1;
const RESTRICTION_ALLOCATOR = 2;

export class Vm {
  readonly contexts = new ContextTable();
  /** Context 0: current while the start functions and the allocator run. */
  readonly vmContext: RootContext;
  readonly metricIds: MetricIds;
  /** Exports by name, only those the module has (a Map: looked up several times per stream). */
  readonly callbacks = new Map<string, Export>();
  /** The stream callbacks among them. */
  readonly stream: StreamCallbacks;
  readonly memory: GuestMemory;
  readonly instance: WebAssembly.Instance;
  /** 0, or which allow-list host calls are checked against (start-up, allocator). */
  restriction = RESTRICTION_NONE;
  failed = false;
  failure: TrapInfo | undefined;
  /** cpp-host's current_context_ and effective_context_id_. */
  current: Context;
  effectiveId = 0;
  /** Set by proxy_send_local_response: the callback's result is forced to stop. */
  stopIteration = false;
  /** Where the current guest call records logs, trace events and host-call counts. */
  sink: Sink;
  /** The trace event of the last guest call (when tracing), so callers can note the action it led to. */
  lastCallback: Extract<TraceEvent, { type: "callback" }> | undefined;
  /** State of the deterministic generator behind WASI random_get. */
  randomState = 0;
  private readonly afterCall: Array<() => void> = [];
  private nextContextId = 1;
  private nextHttpCallToken = 0;
  private nextGrpcCallToken = 1;
  private nextGrpcStreamToken = 2;
  private allocatorName = "malloc";
  /** The allocator export (malloc or proxy_on_memory_allocate), called for every value a host call returns. */
  private malloc: Export = () => 0;
  /** Envoy's fail message for the first fault, with the in-VM backtrace. */
  private failureLog = "";

  /** Links, instantiates and starts the module; throws HostLoadError like Envoy refusing the config. */
  constructor(
    readonly core: HostCore,
    module: WebAssembly.Module,
    readonly info: ModuleInfo,
    readonly abi: AbiVersion,
    readonly vmPlugin: Plugin,
  ) {
    this.vmContext = new RootContext(0, vmPlugin);
    this.current = this.vmContext;
    this.sink = core.vmSink;
    this.metricIds = new MetricIds(core.metrics);
    const linked = link(this, info);
    // A start section runs inside instantiation; treat it like _initialize.
    this.restriction = RESTRICTION_STARTUP;
    try {
      this.instance = new WebAssembly.Instance(module, linked.imports);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new HostLoadError(`Failed to create new Wasm instance: ${detail}`, "UnableToInitializeCode");
    } finally {
      this.restriction = RESTRICTION_NONE;
    }
    const exported = Object.values(this.instance.exports).find((e) => e instanceof WebAssembly.Memory);
    this.memory = new GuestMemory(linked.memory ?? (exported as WebAssembly.Memory | undefined) ?? new WebAssembly.Memory({ initial: 0 }));
    this.lookUpExports();
    const c = this.callbacks;
    this.stream = {
      contextCreate: c.get("proxy_on_context_create"),
      requestHeaders: c.get("proxy_on_request_headers"),
      requestBody: c.get("proxy_on_request_body"),
      requestTrailers: c.get("proxy_on_request_trailers"),
      responseHeaders: c.get("proxy_on_response_headers"),
      responseBody: c.get("proxy_on_response_body"),
      responseTrailers: c.get("proxy_on_response_trailers"),
      done: c.get("proxy_on_done"),
      log: c.get("proxy_on_log"),
      delete: c.get("proxy_on_delete"),
    };
    this.runStartFunctions();
  }

  private lookUpExports(): void {
    const exports = this.instance.exports as Record<string, unknown>;
    const get = (name: string): Export | undefined => {
      const fn = exports[name];
      if (typeof fn !== "function") return undefined;
      const type = this.info.exportType(name);
      const want = (this.abi === "0.1.0" ? ABI_010_TYPES[name] : undefined) ?? CALLBACK_TYPES[name];
      if (type !== undefined && want !== undefined) {
        const have = `${type.params.join(" ")}->${type.results.join(" ")}`;
        if (have !== want) {
          const [wantParams, wantResults] = want.split("->").map((s) => (s === "" ? [] : s.split(" "))) as [string[], string[]];
          throw new HostLoadError(
            `Bad function signature for: ${name}, want: ${formatTypes(wantParams)} -> ${formatTypes(wantResults)}, ` +
              `but the module exports: ${formatTypes(type.params)} -> ${formatTypes(type.results)}`,
            "UnableToInitializeCode",
          );
        }
      }
      return fn as Export;
    };
    const keep = (name: string, fn: Export | undefined = get(name)): void => {
      if (fn !== undefined) this.callbacks.set(name, fn);
    };
    keep("_initialize");
    if (this.has("_initialize")) {
      keep("main");
      keep("__main_void");
    } else {
      keep("_start");
    }
    // cpp-host tries malloc first and falls back to proxy_on_memory_allocate.
    let allocator = get("malloc");
    if (allocator === undefined) {
      allocator = get("proxy_on_memory_allocate");
      this.allocatorName = "proxy_on_memory_allocate";
    }
    if (allocator === undefined) throw new HostLoadError("Wasm module is missing malloc function.", "MissingFunction");
    keep("malloc", allocator);
    this.malloc = allocator;
    for (const name of Object.keys(CALLBACK_TYPES)) {
      if (!name.startsWith("proxy_on_") && !name.startsWith("envoy_on_")) continue;
      if (name === "proxy_on_memory_allocate") continue;
      if (name === "proxy_on_foreign_function" && this.abi === "0.1.0") continue;
      keep(name);
    }
  }

  private runStartFunctions(): void {
    const run = (name: string, ...args: number[]): void => {
      if (!this.has(name)) return;
      this.restriction = RESTRICTION_STARTUP;
      try {
        this.invoke(this.vmContext, name, ...args);
      } finally {
        this.restriction = RESTRICTION_NONE;
      }
      if (this.failed) {
        throw new HostLoadError(`Failed to initialize Wasm code: ${this.failureLog}`, "RuntimeError");
      }
    };
    if (this.has("_initialize")) {
      run("_initialize");
      if (this.has("main")) run("main", 0, 0);
      else if (this.has("__main_void")) run("__main_void");
    } else {
      run("_start");
    }
  }

  has(callback: string): boolean {
    return this.callbacks.has(callback);
  }

  /** Ids only ever come from here and only grow, so no live context can hold the next one. */
  allocContextId(): number {
    return this.nextContextId++;
  }

  takeHttpCallToken(): number {
    return (this.nextHttpCallToken += 4) >>> 0;
  }

  /** cpp-host's nextGrpcCallId / nextGrpcStreamId: the token class in the low two bits (calls 5, 9, ...; streams 6, 10, ...). */
  takeGrpcToken(kind: "call" | "stream"): number {
    if (kind === "call") return (this.nextGrpcCallToken += 4) >>> 0;
    return (this.nextGrpcStreamToken += 4) >>> 0;
  }

  /** The context host functions act on: the effective context if set and alive, else the current one. */
  active(): Context {
    if (this.effectiveId !== 0) {
      const effective = this.contexts.get(this.effectiveId);
      if (effective !== undefined) return effective;
    }
    return this.current;
  }

  /**
   * Calls a guest export with `ctx` current (cpp-host's SaveRestoreContext). Returns the u32 result, 0 for void
   * callbacks and after a fault; callers check `failed`. Deferred actions are NOT run here (see flush).
   */
  invoke(ctx: Context, name: string, a?: number, b?: number, c?: number, d?: number, e?: number): number {
    const fn = this.callbacks.get(name);
    if (fn === undefined) return 0;
    return this.call(ctx, name, fn, a, b, c, d, e);
  }

  /** invoke() of an export already looked up (`name` is what traces and fault reports call it). */
  call(ctx: Context, name: string, fn: Export, a?: number, b?: number, c?: number, d?: number, e?: number): number {
    if (this.failed) return 0;
    const previousCurrent = this.current;
    const previousEffective = this.effectiveId;
    const previousSink = this.sink;
    this.current = ctx;
    this.effectiveId = 0;
    this.sink = ctx.kind === "stream" ? ctx.sink : (this.core.driving?.sink ?? this.core.vmSink);
    let event: Extract<TraceEvent, { type: "callback" }> | undefined;
    if (this.core.tracing) {
      const args = [a, b, c, d, e].filter((x): x is number => x !== undefined);
      event = { type: "callback", name, contextId: ctx.id, args };
      this.sink.trace.push(event);
    }
    this.lastCallback = event;
    let result = 0;
    try {
      const value = fn(a as number, b as number, c as number, d as number, e as number);
      result = typeof value === "number" ? value >>> 0 : 0;
      if (event !== undefined && typeof value === "number") event.result = result;
    } catch (error) {
      this.fail(error, name, ctx);
    } finally {
      this.current = previousCurrent;
      this.effectiveId = previousEffective;
      this.sink = previousSink;
    }
    return result;
  }

  /** Queue an action for when the current guest call returns (cpp-host's addAfterVmCallAction). */
  after(action: () => void): void {
    this.afterCall.push(action);
  }

  /** The end of a guest call (cpp-host's DeferAfterCallActions): clear the stop flag, run deferred actions. */
  flush(): void {
    this.stopIteration = false;
    while (this.afterCall.length > 0) this.afterCall.shift()!();
  }

  /** Reads and clears the stop flag set by proxy_send_local_response. */
  takeStopIteration(): boolean {
    const stop = this.stopIteration;
    this.stopIteration = false;
    return stop;
  }

  /** The VM enters the failed state; the first fault is the one reported. */
  fail(error: unknown, callback: string, ctx: Context): void {
    if (this.failed) return;
    this.failed = true;
    const naming = this.core.naming;
    const { info, log } = describeTrap(error, callback, {
      functionName: (index) => naming.functionNames?.(index) ?? this.info.functionNames.get(index),
      annotate: naming.annotate,
    });
    this.failure = info;
    this.failureLog = log;
    this.log(LogLevel.Error, `Wasm VM failed ${log}`, ctx.id);
    if (this.core.tracing) {
      const event: TraceEvent = { type: "trap", callback, message: info.message };
      if (info.functionName !== undefined) event.functionName = info.functionName;
      if (info.annotation !== undefined) event.annotation = info.annotation;
      this.sink.trace.push(event);
    }
    const stream = ctx.kind === "stream" ? ctx : this.core.driving;
    if (stream !== null && stream.trap === undefined) stream.trap = info;
  }

  /**
   * What every host call does first (the linker's gate, or the function itself): the allow-list check while the
   * start functions or the allocator run, and the count.
   */
  enterHostCall(startup: boolean, allocator: boolean): void {
    if (this.restriction !== RESTRICTION_NONE) this.checkRestriction(startup, allocator);
    this.sink.hostCalls++;
  }

  /** Traps the guest (like cpp-host) when a host function outside the current allow-list is called. */
  checkRestriction(startup: boolean, allocator: boolean): void {
    const allowed = this.restriction === RESTRICTION_STARTUP ? startup : allocator;
    if (!allowed) throw new GuestTrap("restricted_callback");
  }

  log(level: number, message: string, contextId: number = this.active().id): void {
    if (level < this.core.logLevel) return;
    this.sink.logs.push({ level, levelName: logLevelNames[level] ?? String(level), message, contextId });
    if (this.core.tracing) this.sink.trace.push({ type: "log", level, message, contextId });
  }

  record(event: TraceEvent): void {
    if (this.core.tracing) this.sink.trace.push(event);
  }

  /**
   * Runs the guest allocator for a buffer the host hands out (cpp-host's allocMemory): only logging and clocks
   * are allowed meanwhile, and a fault fails the VM and yields 0 rather than unwinding the caller.
   */
  allocate(size: number): number {
    const previousRestriction = this.restriction;
    const previousCurrent = this.current;
    const previousEffective = this.effectiveId;
    this.restriction = RESTRICTION_ALLOCATOR;
    this.current = this.vmContext;
    this.effectiveId = 0;
    let ptr = 0;
    try {
      ptr = (this.malloc(size) ?? 0) >>> 0;
    } catch (error) {
      this.fail(error, this.allocatorName, this.vmContext);
    } finally {
      this.restriction = previousRestriction;
      this.current = previousCurrent;
      this.effectiveId = previousEffective;
    }
    if (ptr === 0 || !this.memory.valid(ptr, size)) return 0;
    return ptr;
  }

  /**
   * cpp-host's copyToPointerSize: allocate in the guest, copy, write pointer and size. Empty data is pointer 0,
   * size 0 and never calls the allocator.
   */
  copyOut(bytes: Uint8Array, ptrPtr: number, sizePtr: number): boolean {
    let ptr = 0;
    if (bytes.length > 0) {
      ptr = this.allocate(bytes.length);
      if (ptr === 0 || !this.memory.setBytes(ptr, bytes)) return false;
    }
    return this.memory.setPointerAndSize(ptrPtr, ptr, sizePtr, bytes.length);
  }

  /** copyOut of a string's UTF-8 bytes, encoded straight into the guest's buffer. */
  copyOutString(text: string, ptrPtr: number, sizePtr: number): boolean {
    const bytes = shortUtf8(text);
    if (bytes !== undefined) return this.copyOut(bytes, ptrPtr, sizePtr);
    const length = utf8Length(text);
    let ptr = 0;
    if (length > 0) {
      ptr = this.allocate(length);
      if (ptr === 0 || !this.memory.setString(ptr, text, length)) return false;
    }
    return this.memory.setPointerAndSize(ptrPtr, ptr, sizePtr, length);
  }

  /** copyOut of header pairs in the wire format, encoded straight into the guest's buffer; none is size 0. */
  copyOutPairs(pairs: HeaderList, ptrPtr: number, sizePtr: number): boolean {
    const length = pairs.length === 0 ? 0 : pairsByteLength(pairs);
    let ptr = 0;
    if (length > 0) {
      ptr = this.allocate(length);
      if (ptr === 0 || !this.memory.setPairs(ptr, pairs, length)) return false;
    }
    return this.memory.setPointerAndSize(ptrPtr, ptr, sizePtr, length);
  }

  /** Root context start (cpp-host ContextBase::onStart): context create with buffer 7 readable, then vm_start. */
  startRoot(plugin: Plugin): RootContext {
    const root = new RootContext(this.allocContextId(), plugin);
    this.contexts.set(root.id, root);
    if (this.has("proxy_on_context_create")) {
      root.tempPlugin = true;
      this.invoke(root, "proxy_on_context_create", root.id, 0);
      root.tempPlugin = false;
      this.flush();
      root.created = true;
    }
    let started = true;
    if (this.has("proxy_on_vm_start")) {
      started = this.invoke(root, "proxy_on_vm_start", root.id, this.vmPlugin.vmConfiguration.length) !== 0;
      this.flush();
    }
    if (this.failed) throw new HostLoadError(`Failed to start base Wasm: ${this.failureLog}`, "StartFailed");
    if (!started) throw new HostLoadError("Failed to start base Wasm: proxy_on_vm_start returned 0", "StartFailed");
    return root;
  }

  /** proxy_on_configure with the plugin configuration readable; throws HostLoadError when rejected. */
  configure(root: RootContext): void {
    root.created = true;
    if (!this.has("proxy_on_configure")) return;
    root.tempPlugin = true;
    const accepted = this.invoke(root, "proxy_on_configure", root.id, root.plugin.configuration.length) !== 0;
    root.tempPlugin = false;
    this.flush();
    if (this.failed) {
      throw new HostLoadError(`Failed to configure base Wasm plugin: ${this.failureLog}`, "ConfigureFailed");
    }
    if (!accepted) {
      throw new HostLoadError(
        "Failed to configure base Wasm plugin: configuration rejected (proxy_on_configure returned 0)",
        "ConfigureFailed",
      );
    }
  }

  /** Plugin shutdown (cpp-host startShutdown): on_done, then on_delete unless the plugin asked to finish later. */
  shutdownRoot(root: RootContext): void {
    if (this.failed || root.deleted) return;
    let done = true;
    if (this.has("proxy_on_done")) {
      done = this.invoke(root, "proxy_on_done", root.id) !== 0;
      this.flush();
    }
    if (done) this.deleteRoot(root);
    else root.pendingDone = true;
  }

  deleteRoot(root: RootContext): void {
    root.pendingDone = false;
    root.deleted = true;
    root.tickPeriodMs = 0;
    if (!this.failed && root.created && this.has("proxy_on_delete")) {
      this.invoke(root, "proxy_on_delete", root.id);
      this.flush();
    }
    this.contexts.delete(root.id);
  }

  /** Current linear memory size in 64 KiB pages. */
  pages(): number {
    return this.memory.size / 65536;
  }
}
