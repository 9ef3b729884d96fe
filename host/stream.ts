/**
 * One HTTP stream through the filter, modelled on Envoy's wasm Context and filter manager for a single filter:
 * - the stream context is created lazily at the request headers;
 * - each direction (request, response) delivers headers, body and trailers to the filter, honouring stops:
 *   stop at headers holds everything until continued (StopIteration with allow_on_headers_stop_iteration holds
 *   only the headers), stop at data holds what is not passed on but still
 *   delivers later data and trailers, stop at trailers holds the end;
 * - header maps and body buffers are reachable only while Envoy keeps its pointers: during their callbacks, and
 *   after a stop until the direction continues (Envoy clears the request pointers on any continue);
 * - proxy_send_local_response and proxy_continue/close_stream act after the guest call returns;
 * - a local reply sent in the request phase skips the upstream and still runs the filter's response callbacks;
 * - the proxy answers by itself for a request refused before the filter chain and for a body buffered past the
 *   buffer limit (413, 500 or a reset);
 * - at the end the access log runs before the filter is destroyed (proxy_on_log, proxy_on_done, proxy_on_delete);
 * - a fault applies the failure policy (cpp-host's CHECK_FAIL): fail-open continues without the filter,
 *   otherwise the stream gets a 503 `wasm_fail_stream` local reply that bypasses the filter.
 */

import { HeadersAction, MapType, Status, StreamType, dataActionNames, headersActionNames, trailersActionNames } from "./abi.js";
import { BodyBuffer } from "./body-buffer.js";
import type { HostCore } from "./core.js";
import type { HttpCallAnswer } from "./http-calls.js";
import { HeaderMap } from "./header-map.js";
import { localReplyResponse } from "./local-reply.js";
import type { HeaderList } from "./pairs.js";
import type { Address, PropertyScope, PropertyValue, StreamFacts } from "./properties.js";
import type { RootContext } from "./root-context.js";
import {
  cachedAddress,
  requestHeaderMap,
  responseHeaderMap,
  toBytes,
  toHeaderList,
  type HeaderInput,
  type RefusedSpec,
  type ResponseSpec,
  type StreamSpec,
} from "./stream-spec.js";
import { Direction, type ForwardedOutput } from "./stream-direction.js";
import type { ClientResponse, LocalResponse, StreamResult, UpstreamRequest } from "./stream-result.js";
import { newSink, type Sink, type TraceEvent } from "./trace.js";
import type { TrapInfo } from "./trap.js";
import type { Export, Vm } from "./vm.js";

const EMPTY = new Uint8Array(0);

function nothing(): void {}

type CallbackKind = "headers" | "data" | "trailers";

/**
 * Who sends a local reply: the filter (proxy_send_local_response), the proxy itself (a buffer limit, a request
 * refused before the filter chain), or the failure policy (failStream, which the filter never sees).
 */
type ReplyOrigin = "filter" | "proxy" | "failure";

export class HttpStream {
  readonly kind = "stream" as const;
  readonly sink: Sink = newSink();
  trap: TrapInfo | undefined;
  /** Envoy's end_of_stream_: the flag of the last headers/data delivered, shared by both directions. */
  endOfStream = false;
  accessLogPhase = false;
  upstreamRequest: UpstreamRequest | undefined;
  localResponse: LocalResponse | undefined;
  responseCode: number | undefined;
  responseCodeDetails: string | undefined;

  private request = new Direction();
  private response = new Direction();
  private created = false;
  private streamFailed = false;
  /** The proxy itself answered (a buffer limit, a refused request). */
  private proxyReplied = false;
  private responseStarted = false;
  private resetDetails: string | undefined;
  private finished = false;
  private pausedAtEnd = false;
  private facts: PropertyScope | undefined;
  private state: Map<string, Uint8Array> | undefined;
  private readonly startTimeNs: bigint;
  private readonly streamCustom: ReadonlyMap<string, PropertyValue> | undefined;

  constructor(
    private readonly core: HostCore,
    readonly vm: Vm,
    readonly root: RootContext,
    /** Context id; 0 when the VM had already failed and no context exists. */
    readonly id: number,
    readonly streamNumber: number,
    private readonly spec: StreamSpec,
    /** runStream mode: answer from spec.response as soon as the request has passed the filter. */
    private readonly autoRespond: boolean,
  ) {
    this.startTimeNs = core.clock.realtimeNs();
    this.streamCustom = spec.properties ? new Map(Object.entries(spec.properties)) : undefined;
  }

  /** Filter state written by proxy_set_property; made on first use, as most streams have none. */
  get filterState(): Map<string, Uint8Array> {
    return (this.state ??= new Map());
  }

  // ---- Step API: the client and the upstream feeding the stream ----
  // Each step is one event-loop turn: the stream is "driving" (root callbacks it triggers record here), and
  // queued events (HTTP-call answers, queue notifications) run when the step is done.

  /** The client's request headers (default: from the spec); end of stream defaults to "no body or trailers in the spec". */
  requestHeaders(headers?: HeaderInput, endOfStream?: boolean): void {
    this.drive(() => this.inputRequestHeaders(headers, endOfStream));
  }

  requestBody(chunk: string | Uint8Array, endOfStream = true): void {
    this.drive(() => this.inputData(this.request, toBytes(chunk), endOfStream));
  }

  requestTrailers(trailers: HeaderList): void {
    this.drive(() => this.inputTrailers(this.request, new HeaderMap(trailers)));
  }

  /** The upstream's response headers (default: from the spec). */
  responseHeaders(response?: { status?: number; headers?: HeaderInput }, endOfStream?: boolean): void {
    this.drive(() => this.inputResponseHeaders(response, endOfStream));
  }

  responseBody(chunk: string | Uint8Array, endOfStream = true): void {
    this.drive(() => {
      if (this.responseStarted && this.resetDetails === undefined) this.inputData(this.response, toBytes(chunk), endOfStream);
    });
  }

  responseTrailers(trailers: HeaderList): void {
    this.drive(() => {
      if (this.responseStarted && this.resetDetails === undefined) this.inputTrailers(this.response, new HeaderMap(trailers));
    });
  }

  /** The whole upstream answer from a ResponseSpec (default: the spec's). */
  respond(spec: ResponseSpec | undefined = this.spec.response): void {
    this.drive(() => this.inputResponse(spec));
  }

  /** The whole client request from the spec, in one turn. */
  run(): void {
    this.drive(this.inputRequest);
  }

  /** Answers one of the plugin's pending HTTP calls (for "manual" clusters) as part of this stream's turn. */
  httpCallResponse(token: number, answer: HttpCallAnswer): boolean {
    let delivered = false;
    this.drive(() => {
      delivered = this.core.respondHttpCall(token, answer);
    });
    return delivered;
  }

  /** The connection manager refuses the request before it reaches the filter (the spec's `refused`). */
  refuseRequest(refusal: RefusedSpec): void {
    this.drive(() => this.refuse(refusal));
  }

  /**
   * The router's own reply when the upstream fails (connect error, reset before the response): Envoy's router
   * sends it with sendLocalReply, so it passes the filter's response callbacks like a filter's reply.
   */
  upstreamFailed(status: number, body: string, details: string): void {
    this.drive(() => this.reply({ status, body: toBytes(body), headers: [["content-type", "text/plain"]], grpcStatus: 14, details }, "proxy"));
  }

  /** The request passed on to the upstream since the last call (headers once, new body chunks, completion). */
  takeUpstreamOutput(): ForwardedOutput {
    return this.request.take();
  }

  /** The response passed on to the client since the last call; the direction may be a local reply's. */
  takeClientOutput(): ForwardedOutput {
    return this.response.take();
  }

  /** Why the stream was reset (proxy_close_stream, a reply after the response started), if it was. */
  get resetReason(): string | undefined {
    return this.resetDetails;
  }

  /** Runs queued events on behalf of this stream. */
  dispatch(): void {
    this.drive(nothing);
  }

  /** Ends the stream (proxy_on_done, proxy_on_log, proxy_on_delete) and returns what happened. */
  close(): StreamResult {
    this.drive(this.finish);
    return this.result();
  }

  /** Steps run as methods of this stream (called with it as `this`), so the per-stream ones need no closure. */
  private drive(step: (this: HttpStream) => void): void {
    const previous = this.core.driving;
    this.core.driving = this;
    try {
      step.call(this);
      this.core.dispatch();
    } finally {
      this.core.driving = previous;
    }
  }

  private inputRequest(): void {
    if (this.spec.refused !== undefined) {
      this.refuse(this.spec.refused);
      return;
    }
    const spec = this.spec.request;
    const body = toBytes(spec?.body);
    const trailers = spec?.trailers;
    const hasTrailers = trailers !== undefined && trailers.length > 0;
    this.inputRequestHeaders(undefined, body.length === 0 && !hasTrailers);
    if (body.length > 0) this.inputData(this.request, body, !hasTrailers);
    if (hasTrailers) this.inputTrailers(this.request, new HeaderMap(trailers));
  }

  /**
   * A request refused before the filter chain: the reply goes straight to the client, and the context is first
   * created at log time (Envoy's Context::log), so only create, log, done and delete reach the filter.
   */
  private refuse(refusal: RefusedSpec): void {
    if (this.request.headersDelivered) return;
    this.request.headersDelivered = true;
    const body = toBytes(refusal.body);
    this.reply({ status: refusal.status, body, headers: [], grpcStatus: -1, details: refusal.details ?? "" }, "proxy");
    if (refusal.details === undefined) this.responseCodeDetails = undefined;
  }

  private inputRequestHeaders(headers: HeaderInput | undefined, endOfStream: boolean | undefined): void {
    const spec = this.spec.request;
    const map = headers === undefined ? requestHeaderMap(spec, this.streamNumber) : new HeaderMap(toHeaderList(headers));
    const eos = endOfStream ?? (toBytes(spec?.body).length === 0 && (spec?.trailers?.length ?? 0) === 0);
    this.inputHeaders(this.request, map, eos);
  }

  private inputResponseHeaders(response: { status?: number; headers?: HeaderInput } | undefined, endOfStream: boolean | undefined): void {
    const eos =
      endOfStream ??
      (response === undefined && toBytes(this.spec.response?.body).length === 0 && (this.spec.response?.trailers?.length ?? 0) === 0);
    this.startResponse(response ?? this.spec.response, eos);
  }

  private startResponse(response: { status?: number; headers?: HeaderInput } | undefined, eos: boolean): void {
    if (this.request.aborted || this.resetDetails !== undefined || this.responseStarted) return;
    const status = response?.status ?? 200;
    this.responseStarted = true;
    this.responseCode = status;
    this.responseCodeDetails = "via_upstream";
    this.inputHeaders(this.response, responseHeaderMap(status, response?.headers), eos);
  }

  private inputResponse(spec: ResponseSpec | undefined): void {
    const body = toBytes(spec?.body);
    const trailers = spec?.trailers;
    const hasTrailers = trailers !== undefined && trailers.length > 0;
    this.startResponse(spec, body.length === 0 && !hasTrailers);
    if (!this.responseStarted || this.resetDetails !== undefined) return;
    if (body.length > 0) this.inputData(this.response, body, !hasTrailers);
    if (hasTrailers) this.inputTrailers(this.response, new HeaderMap(trailers));
  }

  get requestComplete(): boolean {
    return this.upstreamRequest !== undefined;
  }

  get responseComplete(): boolean {
    return this.response.ended || this.resetDetails !== undefined;
  }

  /** Not finished and waiting on the filter (a stop nobody has continued yet). */
  get paused(): boolean {
    return !this.responseComplete && (this.request.stopped() || this.response.stopped());
  }

  /**
   * Stream end as ConnectionManagerImpl::doDeferredStreamDestroy (source/common/http/conn_manager_impl.cc) runs it:
   * the access log first (Context::log: proxy_on_log, creating the context if the filter never ran), then the
   * filters are destroyed (Context::onDestroy: proxy_on_done, proxy_on_delete). Each is skipped on a failed VM.
   */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.pausedAtEnd = this.paused;
    this.request.aborted = true;
    this.response.aborted = true;
    if (this.id === 0) return;
    const vm = this.vm;
    const on = vm.stream;
    this.onCreate();
    if (on.log !== undefined) {
      this.accessLogPhase = true;
      vm.call(this, "proxy_on_log", on.log, this.id);
      this.accessLogPhase = false;
      vm.flush();
    }
    if (on.done !== undefined) {
      vm.call(this, "proxy_on_done", on.done, this.id);
      vm.flush();
    }
    if (on.delete !== undefined) {
      vm.call(this, "proxy_on_delete", on.delete, this.id);
      vm.flush();
    }
    vm.contexts.delete(this.id);
  }

  /** What happened so far (after close(): the final result). */
  result(): StreamResult {
    const result: StreamResult = {
      response: this.clientResponse(),
      logs: this.sink.logs,
      trace: this.sink.trace,
      hostCalls: this.sink.hostCalls,
      paused: this.finished ? this.pausedAtEnd : this.paused,
    };
    if (this.upstreamRequest !== undefined) result.upstreamRequest = this.upstreamRequest;
    if (this.localResponse !== undefined) result.localResponse = this.localResponse;
    if (this.trap !== undefined) result.trap = this.trap;
    return result;
  }

  private clientResponse(): ClientResponse {
    const resp = this.response;
    const local = this.localResponse !== undefined || this.streamFailed || this.proxyReplied;
    if (this.resetDetails !== undefined) {
      const committed = resp.headersForwarded && resp.headers !== null;
      return {
        status: committed ? Number(resp.headers!.getLower(":status") ?? 0) : 0,
        headers: committed ? resp.headers!.toList() : [],
        body: resp.forwardedBody(),
        local: false,
        details: this.resetDetails,
        reset: true,
      };
    }
    if (!resp.ended || resp.headers === null) return { status: 0, headers: [], body: EMPTY, local: false };
    const out: ClientResponse = {
      status: Number(resp.headers.getLower(":status") ?? 0),
      headers: resp.headers.toList(),
      body: resp.forwardedBody(),
      local,
    };
    if (this.responseCodeDetails !== undefined) out.details = this.responseCodeDetails;
    if (resp.trailers !== null) out.trailers = resp.trailers.toList();
    return out;
  }

  // ---- Input plumbing ----

  private inputHeaders(d: Direction, headers: HeaderMap, eos: boolean): void {
    if (d.headers !== null || d.aborted) return;
    d.headers = headers;
    d.inputEnded = eos;
    this.advance(d);
  }

  private inputData(d: Direction, chunk: Uint8Array, eos: boolean): void {
    if (d.inputEnded || d.aborted) return;
    d.bytesIn += chunk.length;
    d.inputEnded = eos;
    d.queued.append(chunk);
    d.hasQueued = true;
    this.advance(d);
  }

  private inputTrailers(d: Direction, trailers: HeaderMap): void {
    if (d.inputEnded || d.aborted) return;
    d.inputEnded = true;
    d.queuedTrailers = trailers;
    this.advance(d);
  }

  /** Delivers whatever the filter may receive now; re-entrant (continues run from deferred actions). */
  private advance(d: Direction): void {
    while (!d.aborted && !d.ended) {
      if (!d.headersDelivered) {
        if (d.headers === null) return;
        this.deliverHeaders(d);
        continue;
      }
      if ((d.headersStopped && !d.headersOnlyStopped) || d.trailersStopped) return;
      if (d.hasQueued) {
        d.hasQueued = false;
        this.deliverData(d, d.queued.take());
        continue;
      }
      if (d.queuedTrailers !== null) {
        const trailers = d.queuedTrailers;
        d.queuedTrailers = null;
        this.deliverTrailers(d, trailers);
        continue;
      }
      if (d.inputEnded && d.headersForwarded && !d.dataStopped) this.end(d);
      return;
    }
  }

  private moreInputQueued(d: Direction): boolean {
    return d.hasQueued || d.queuedTrailers !== null || !d.inputEnded;
  }

  private deliverHeaders(d: Direction): void {
    const isRequest = d === this.request;
    const eos = !this.moreInputQueued(d);
    d.headersDelivered = true;
    if (isRequest) this.onCreate();
    // Envoy's encode path skips a filter whose context never got created.
    if (!isRequest && !this.created) d.bypass = true;
    if (d.bypass) {
      d.headersForwarded = true;
      return;
    }
    d.headersLive = true;
    this.endOfStream = eos;
    const on = this.vm.stream;
    const action = isRequest
      ? this.callback("headers", "proxy_on_request_headers", on.requestHeaders, d.headers!.size, eos ? 1 : 0)
      : this.callback("headers", "proxy_on_response_headers", on.responseHeaders, d.headers!.size, eos ? 1 : 0);
    if (!d.aborted) {
      if (action === HeadersAction.Continue) {
        d.headersLive = false;
        d.headersForwarded = true;
      } else {
        d.headersStopped = true;
        // StopIteration holds only the headers: body and trailers still reach the filter (Envoy 1.35+).
        d.headersOnlyStopped = action === HeadersAction.StopIteration;
      }
    }
    this.vm.flush();
  }

  private deliverData(d: Direction, chunk: Uint8Array): void {
    const isRequest = d === this.request;
    const eos = !this.moreInputQueued(d);
    if (d.bypass) {
      d.forward(chunk);
      return;
    }
    let live: BodyBuffer;
    if (d.buffering) {
      // Envoy's decodeData/encodeData add the chunk to the buffered body before calling the filter; past the
      // limit the filter manager answers instead, and the filter never sees that chunk.
      d.held.append(chunk);
      if (d.held.size > this.core.bufferLimitBytes) {
        this.bufferLimitExceeded(d);
        return;
      }
      live = d.held;
    } else {
      live = new BodyBuffer(chunk);
    }
    d.body = live;
    this.endOfStream = eos;
    const on = this.vm.stream;
    const action = isRequest
      ? this.callback("data", "proxy_on_request_body", on.requestBody, live.size, eos ? 1 : 0)
      : this.callback("data", "proxy_on_response_body", on.responseBody, live.size, eos ? 1 : 0);
    d.buffering = false;
    if (!d.aborted) {
      if (action === 0) {
        if (live !== d.held) d.held.append(live.bytes);
        this.releaseHeaders(d);
        d.forwardHeld();
        d.body = null;
        d.dataStopped = false;
      } else if (action === 3) {
        // StopIterationNoBuffer: the filter manager keeps nothing; the chunk is gone unless the filter kept it.
        d.dataStopped = true;
      } else {
        if (live !== d.held) d.held.append(live.bytes);
        d.body = d.held;
        d.buffering = action === 1;
        d.dataStopped = true;
        if (d.buffering && d.held.size > this.core.bufferLimitBytes) this.bufferLimitExceeded(d);
      }
    }
    this.vm.flush();
  }

  /**
   * Buffering past per_connection_buffer_limit_bytes (Envoy's filter manager): 413 for a request body; for a
   * response, 500 if its headers have not gone downstream, else a reset (reply() decides).
   */
  private bufferLimitExceeded(d: Direction): void {
    d.buffering = false;
    const tooLarge =
      d === this.request
        ? { status: 413, body: "Payload Too Large", details: "request_payload_too_large" }
        : { status: 500, body: "Internal Server Error", details: "response_payload_too_large" };
    this.reply({ ...tooLarge, body: new TextEncoder().encode(tooLarge.body), headers: [], grpcStatus: -1 }, "proxy");
  }

  /** A body or trailers callback continuing after the headers callback returned StopIteration lets the headers go. */
  private releaseHeaders(d: Direction): void {
    if (!d.headersStopped) return;
    d.headersStopped = false;
    d.headersOnlyStopped = false;
    d.headersLive = false;
    d.headersForwarded = true;
  }

  private deliverTrailers(d: Direction, trailers: HeaderMap): void {
    const isRequest = d === this.request;
    d.trailers = trailers;
    if (d.bypass) return;
    d.trailersLive = true;
    const on = this.vm.stream;
    const action = isRequest
      ? this.callback("trailers", "proxy_on_request_trailers", on.requestTrailers, trailers.size, 0)
      : this.callback("trailers", "proxy_on_response_trailers", on.responseTrailers, trailers.size, 0);
    if (!d.aborted) {
      if (action === 0) {
        d.trailersLive = false;
        this.releaseHeaders(d);
        d.forwardHeld();
        d.dataStopped = false;
        d.buffering = false;
      } else {
        d.trailersStopped = true;
      }
    }
    this.vm.flush();
  }

  /**
   * One stream callback inside cpp-host's CHECK_FAIL, with its result converted like
   * convertVmCallResultTo*: headers 1 (and anything above 4) become StopAllIterationAndWatermark, data above 3 is
   * StopIterationNoBuffer, trailers above 1 StopIteration, and a local response forces the stop value.
   */
  private callback(kind: CallbackKind, name: string, fn: Export | undefined, a: number, b: number): number {
    const stopValue = kind === "headers" ? HeadersAction.StopAllIterationAndWatermark : kind === "data" ? 3 : 1;
    const before = this.checkFail(stopValue);
    if (before !== undefined) return before;
    const vm = this.vm;
    if (fn === undefined) return 0;
    const raw =
      kind === "trailers" || (kind === "headers" && vm.abi === "0.1.0")
        ? vm.call(this, name, fn, this.id, a)
        : vm.call(this, name, fn, this.id, a, b);
    const event = vm.lastCallback;
    const stop = vm.takeStopIteration();
    const after = this.checkFail(stopValue);
    if (after !== undefined) return after;
    let action: number;
    if (kind === "headers") action = this.headersAction(raw, stop);
    else action = stop || raw > stopValue ? stopValue : raw;
    if (event !== undefined) {
      const names = kind === "headers" ? headersActionNames : kind === "data" ? dataActionNames : trailersActionNames;
      event.action = names[action];
    }
    return action;
  }

  /**
   * A headers callback's result as Envoy uses it. StopIteration (1) becomes StopAllIterationAndWatermark unless the
   * plugin sets allow_on_headers_stop_iteration (Envoy 1.35+); convertFilterHeadersStatus has no case for
   * ContinueAndEndStream (2), so its default, Continue, applies; values above 4 stop like cpp-host's conversion.
   */
  private headersAction(raw: number, stop: boolean): number {
    if (stop || raw > 4) return HeadersAction.StopAllIterationAndWatermark;
    if (raw === 1) return this.core.allowOnHeadersStopIteration ? HeadersAction.StopIteration : HeadersAction.StopAllIterationAndWatermark;
    return raw === 2 ? HeadersAction.Continue : raw;
  }

  /** CHECK_FAIL: undefined when the VM is healthy, else the result the failure policy dictates. */
  private checkFail(stopValue: number): number | undefined {
    if (!this.vm.failed) return undefined;
    if (this.core.failurePolicy === "fail-open") return 0;
    if (!this.streamFailed) {
      this.streamFailed = true;
      this.failStream();
    }
    return stopValue;
  }

  /** Envoy's failStream: 503, details wasm_fail_stream, gRPC UNAVAILABLE; the filter sees none of it. */
  private failStream(): void {
    this.reply({ status: 503, body: EMPTY, headers: [], grpcStatus: 14, details: "wasm_fail_stream" }, "failure");
  }

  private onCreate(): void {
    if (this.created) return;
    const create = this.vm.stream.contextCreate;
    if (this.id !== 0 && !this.vm.failed && create !== undefined) {
      this.vm.call(this, "proxy_on_context_create", create, this.id, this.root.id);
      this.vm.flush();
    }
    this.created = true;
  }

  private end(d: Direction): void {
    d.ended = true;
    if (d === this.request) this.requestPassed();
    else if (this.core.tracing) this.record({ type: "stream", action: "respond", detail: d.headers?.getLower(":status") });
  }

  private requestPassed(): void {
    if (this.localResponse !== undefined || this.streamFailed || this.resetDetails !== undefined) return;
    const req = this.request;
    this.upstreamRequest = {
      headers: req.headers!.toList(),
      body: req.forwardedBody(),
      trailers: req.trailers?.toList() ?? [],
    };
    if (this.core.tracing) this.record({ type: "stream", action: "upstream" });
    if (this.autoRespond) this.inputResponse(this.spec.response);
  }

  // ---- What host functions do to the stream ----

  /** Envoy getMap (mutable) / getConstMap (read-only) for maps 0..3. */
  map(type: number, mutable: boolean): HeaderMap | null {
    const isRequest = type === MapType.RequestHeaders || type === MapType.RequestTrailers;
    const d = isRequest ? this.request : this.response;
    if (type === MapType.RequestHeaders || type === MapType.ResponseHeaders) {
      if (!mutable && this.accessLogPhase) return d.headers;
      return d.headersLive ? d.headers : null;
    }
    if (!mutable && this.accessLogPhase) return isRequest ? null : d.trailers;
    if (mutable && !d.trailersLive && d.body !== null && this.endOfStream && !d.ended) {
      // addDecodedTrailers/addEncodedTrailers: in the last body callback a filter may create trailers.
      d.trailers = new HeaderMap();
      d.trailersLive = true;
    }
    return d.trailersLive ? d.trailers : null;
  }

  /** The live body for buffer types 0/1, or null (Envoy then exposes an empty, read-only buffer). */
  body(type: number): BodyBuffer | null {
    return (type === 0 ? this.request : this.response).body;
  }

  /** proxy_send_local_response: queued until the guest call returns. */
  sendLocalResponse(reply: LocalResponse): void {
    this.vm.after(() => this.reply(reply, "filter"));
  }

  /** proxy_continue_stream. Envoy clears the request pointers immediately and continues after the call. */
  continueStream(type: number): number {
    if (type === StreamType.Downstream) return Status.Ok;
    if (type === StreamType.Upstream) return Status.Unimplemented;
    const d = type === StreamType.Request ? this.request : this.response;
    this.vm.after(() => {
      if (this.core.tracing) {
        this.record({ type: "stream", action: "continue", detail: type === StreamType.Request ? "request" : "response" });
      }
      this.resume(d);
    });
    this.request.headersLive = false;
    this.request.trailersLive = false;
    this.request.body = null;
    return Status.Ok;
  }

  /** proxy_close_stream: details wasm_close_stream (unless set), reset after the call. */
  closeStream(type: number): number {
    if (type === StreamType.Request || type === StreamType.Response) {
      this.responseCodeDetails ??= "wasm_close_stream";
      const details = this.responseCodeDetails;
      this.vm.after(() => this.reset(details));
    }
    return Status.Ok;
  }

  /** Envoy's continueDecoding/continueEncoding for this filter. */
  private resume(d: Direction): void {
    if (d.aborted || d.ended) return;
    if (d.headersStopped) {
      // Continuing after StopIteration also lets go of the body the filter stopped on.
      const bodyStopped = d.headersOnlyStopped && d.dataStopped;
      this.releaseHeaders(d);
      if (bodyStopped) {
        d.dataStopped = false;
        d.buffering = false;
        d.forwardHeld();
        d.body = null;
      }
    } else if (d.trailersStopped) {
      d.trailersStopped = false;
      d.trailersLive = false;
      d.dataStopped = false;
      d.forwardHeld();
    } else if (d.dataStopped) {
      d.dataStopped = false;
      d.buffering = false;
      d.forwardHeld();
      d.body = null;
    } else {
      return;
    }
    this.advance(d);
  }

  /**
   * Envoy's sendLocalReply. The request stops where it is; the reply replaces any upstream response that has not
   * started going to the client (once it has, Envoy can only reset the stream).
   */
  private reply(reply: LocalResponse, origin: ReplyOrigin): void {
    // Nothing replaces a response that is complete (including the failure reply) or a reset stream.
    if (this.finished || this.resetDetails !== undefined || this.response.ended) return;
    if (this.response.headersForwarded) {
      this.reset(reply.details);
      return;
    }
    if (origin === "filter") this.localResponse ??= reply;
    if (origin === "proxy") this.proxyReplied = true;
    this.request.aborted = true;
    this.response.aborted = true;
    this.responseCode = reply.status;
    this.responseCodeDetails = reply.details;
    if (this.core.tracing) {
      this.record({
        type: "local-response",
        status: reply.status,
        details: reply.details,
        body: new TextDecoder().decode(reply.body),
        headers: reply.headers,
        grpcStatus: reply.grpcStatus,
      });
    }
    const grpcRequest = (this.request.headers?.getLower("content-type") ?? "").startsWith("application/grpc");
    const generated = localReplyResponse(reply, grpcRequest);
    const d = new Direction();
    // A reply made in the request phase goes through the filter's response callbacks, as in Envoy (not the failure
    // reply, and not one made while encoding, which Envoy sends directly).
    d.bypass = origin === "failure" || this.responseStarted;
    this.response = d;
    d.headers = generated.headers;
    d.inputEnded = generated.body.length === 0;
    if (generated.body.length > 0) {
      d.queued.append(generated.body);
      d.hasQueued = true;
      d.inputEnded = true;
    }
    this.advance(d);
  }

  private reset(details: string): void {
    if (this.resetDetails !== undefined || this.finished) return;
    this.resetDetails = details;
    this.request.aborted = true;
    this.response.aborted = true;
    if (this.core.tracing) this.record({ type: "stream", action: "reset", detail: details });
  }

  /** Callers check core.tracing first, so the untraced path builds no events. */
  private record(event: TraceEvent): void {
    this.sink.trace.push(event);
  }

  /** Property lookups: Envoy's StreamInfo for this stream. */
  propertyScope(): PropertyScope {
    this.facts ??= {
      pluginName: this.root.plugin.name,
      rootId: this.root.plugin.rootId,
      vmId: this.root.plugin.vmId,
      custom: this.core.customProperties,
      streamCustom: this.streamCustom,
      stream: new StreamFactsView(this, this.spec.connection ?? {}),
    };
    return this.facts;
  }
}

/**
 * A stream's attributes for property reads. A class with getters on its prototype: an object literal with its own
 * getters per stream made every stream allocate fresh hidden classes, and property reads cost tens of microseconds
 * in garbage collection.
 */
class StreamFactsView implements StreamFacts {
  readonly startTimeNs: bigint;
  readonly connectionId: number;
  readonly mtls: boolean;
  readonly tls: boolean;
  readonly requestedServerName: string;
  readonly uriSanPeerCertificate: string | undefined;

  constructor(
    private readonly stream: HttpStream,
    connection: NonNullable<StreamSpec["connection"]>,
  ) {
    this.startTimeNs = stream["startTimeNs"];
    this.connectionId = stream.streamNumber;
    this.mtls = connection.mtls === true;
    this.tls = connection.mtls === true || connection.uriSanPeerCertificate !== undefined;
    this.requestedServerName = connection.requestedServerName ?? "";
    this.uriSanPeerCertificate = connection.uriSanPeerCertificate;
  }

  get source(): Address {
    return cachedAddress(this.stream["spec"].source ?? "127.0.0.1:51000");
  }

  get destination(): Address {
    return cachedAddress(this.stream["spec"].destination ?? "127.0.0.1:8080");
  }

  requestHeaders(): HeaderMap | null {
    const s = this.stream;
    return s.accessLogPhase || s["request"].headersLive ? s["request"].headers : null;
  }

  responseHeaders(): HeaderMap | null {
    const s = this.stream;
    return s.accessLogPhase || s["response"].headersLive ? s["response"].headers : null;
  }

  responseTrailers(): HeaderMap | null {
    const s = this.stream;
    return s.accessLogPhase || s["response"].trailersLive ? s["response"].trailers : null;
  }

  get filterState(): Map<string, Uint8Array> {
    return this.stream.filterState;
  }

  get bytesReceived(): number {
    return this.stream["request"].bytesIn;
  }

  get bytesSent(): number {
    return this.stream["response"].forwardedBytes();
  }

  get responseCode(): number | undefined {
    return this.stream.responseCode;
  }

  get responseCodeDetails(): string | undefined {
    return this.stream.responseCodeDetails;
  }

  get complete(): boolean {
    return this.stream.accessLogPhase;
  }
}
