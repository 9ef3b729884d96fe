/**
 * gRPC callouts as the host models them: declared services answer calls (proxy_grpc_call) and streams
 * (proxy_grpc_stream) after the current turn, on the root context that made them, the way Envoy's async gRPC
 * client calls back into Context (source/extensions/common/wasm/context.cc):
 * - a unary call that succeeds reaches proxy_on_grpc_receive only (GrpcCallClientHandler::onSuccessRaw); one that
 *   fails reaches proxy_on_grpc_close with the status, its message through proxy_get_status (onFailure);
 * - a stream gets proxy_on_grpc_receive_initial_metadata, proxy_on_grpc_receive per message,
 *   proxy_on_grpc_receive_trailing_metadata, then proxy_on_grpc_close (GrpcStreamClientHandler);
 * - an answer that does not come within the call's timeout closes it with DEADLINE_EXCEEDED; with no timeout (0)
 *   it never comes.
 * A service may answer later (a promise, e.g. a real gRPC server behind serve/grpc-forward.ts); then the call's
 * timeout runs on the real clock, as Envoy's async client arms its timer on the dispatcher
 * (source/common/grpc/async_client_impl.cc, AsyncStreamImpl::initialize): if it fires first the call closes with
 * DEADLINE_EXCEEDED, the service is told through the AbortSignal, and its late answer is dropped.
 */

import { GrpcStatus, Status } from "./abi.js";
import type { HostCore } from "./core.js";
import { HeaderMap } from "./header-map.js";
import type { HeaderList } from "./pairs.js";
import type { GrpcTarget } from "./grpc-service.js";
import type { RootContext } from "./root-context.js";
import { toBytes } from "./stream-spec.js";
import type { Vm } from "./vm.js";

/** What the filter sent: the target, its initial metadata, and its messages (one for a unary call). */
export interface GrpcCallRequest {
  readonly kind: "call" | "stream";
  readonly cluster: string;
  readonly service: string;
  readonly method: string;
  readonly initialMetadata: HeaderList;
  readonly messages: readonly Uint8Array[];
  /** 0: no timeout. */
  readonly timeoutMs: number;
}

/** A service's answer: metadata, messages, a status (default OK) with its message, and how long it takes. */
export interface GrpcReply {
  initialMetadata?: HeaderList;
  /** The response message of a unary call. */
  message?: Uint8Array | string;
  /** The messages a stream receives, in order (a unary call takes `message`, or else the first of these). */
  messages?: ReadonlyArray<Uint8Array | string>;
  trailingMetadata?: HeaderList;
  /** The grpc-status (default 0, OK). */
  status?: number;
  /** The grpc-message. */
  statusMessage?: string;
  /** When the answer comes; at or past the call's timeout it times out instead. Default 0. */
  delayMs?: number;
}

/** "no-answer": the service never answers (the call times out, or waits forever without a timeout). */
export type GrpcAnswer = GrpcReply | "no-answer";

/**
 * Computes an answer from the request, at once or later. `signal` aborts when the answer is no longer wanted: the
 * filter cancelled the call, or its timeout fired.
 */
export type GrpcAnswerFunction = (request: GrpcCallRequest, signal: AbortSignal) => GrpcAnswer | Promise<GrpcAnswer>;

/** A method's canned answer, or a function computing it from the request. */
export type GrpcMethodSpec = GrpcAnswer | GrpcAnswerFunction;

/**
 * A cluster's gRPC methods by "package.Service/Method", or one function answering every method of the cluster
 * (a forwarder to a real server, for instance).
 */
export type GrpcClusterSpec = GrpcMethods | GrpcAnswerFunction;

/** A cluster's gRPC methods by "package.Service/Method". */
export type GrpcMethods = Record<string, GrpcMethodSpec>;

/** The status a rejected answer promise closes its call with: UNKNOWN, as a gRPC server answers a handler that throws. */
const REJECTED_STATUS = GrpcStatus.Unknown;

/** grpc-message of a call whose timeout fired (the router's timeout reply, seen through the gRPC client). */
export const GRPC_TIMEOUT_MESSAGE = "upstream request timeout";

export interface GrpcCall {
  readonly token: number;
  /** What the filter sent so far (a stream's messages grow with proxy_grpc_send). */
  readonly request: GrpcCallRequest & { readonly messages: Uint8Array[] };
  readonly vm: Vm;
  readonly root: RootContext;
  /** The filter half-closed the stream (proxy_grpc_send with end_stream, or proxy_grpc_close). */
  localClosed: boolean;
  /** The answer has been asked for (unary calls at once, streams when the filter half-closes). */
  asked: boolean;
  finished: boolean;
  /** Tells an asynchronous service the answer is no longer wanted. */
  abort?: AbortController;
  /** Set while an asynchronous service is answering (until its answer or the timeout, whichever is first). */
  waiting?: Promise<void>;
}

export interface PendingGrpcCall {
  token: number;
  request: GrpcCallRequest;
}

/** The host's side of gRPC callouts: the declared services, calls in flight, delivery to the plugin. */
export class GrpcCallBroker {
  private readonly calls = new Map<number, GrpcCall>();

  constructor(
    private readonly core: HostCore,
    private readonly clusters: Record<string, GrpcClusterSpec>,
  ) {}

  hasCluster(name: string): boolean {
    return Object.hasOwn(this.clusters, name);
  }

  get(token: number): GrpcCall | undefined {
    return this.calls.get(token);
  }

  /** A call or stream was accepted; a unary call's service answers after the current guest call. */
  started(call: GrpcCall): void {
    this.calls.set(call.token, call);
    if (call.request.kind === "call") this.ask(call);
  }

  /** proxy_grpc_send: a message on a stream; end_stream half-closes it, which is when the service answers. */
  send(call: GrpcCall, message: Uint8Array, endStream: boolean): void {
    if (call.localClosed) return;
    call.request.messages.push(message);
    if (endStream) this.halfClose(call);
  }

  /**
   * proxy_grpc_close on a stream: half-closes it, and the service's answer still arrives; once both sides are
   * closed Envoy forgets the token.
   */
  halfClose(call: GrpcCall): void {
    call.localClosed = true;
    if (call.finished) this.calls.delete(call.token);
    else this.ask(call);
  }

  /** proxy_grpc_cancel, or proxy_grpc_close on a unary call: forgotten, no callback follows. */
  cancel(call: GrpcCall): void {
    call.finished = true;
    call.abort?.abort();
    this.calls.delete(call.token);
  }

  pending(): PendingGrpcCall[] {
    return [...this.calls.values()].filter((c) => !c.finished).map((c) => ({ token: c.token, request: snapshot(c) }));
  }

  /** Answers still being computed by asynchronous services; each settles when its answer or timeout is due. */
  waiting(): Array<Promise<void>> {
    const out: Array<Promise<void>> = [];
    for (const call of this.calls.values()) if (!call.finished && call.waiting !== undefined) out.push(call.waiting);
    return out;
  }

  private ask(call: GrpcCall): void {
    if (call.asked) return;
    call.asked = true;
    this.core.post(() => this.answer(call));
  }

  private answer(call: GrpcCall): void {
    if (call.finished) return;
    call.abort = new AbortController();
    const answer = this.answerOf(call, call.abort.signal);
    if (answer instanceof Promise) this.await(call, answer);
    else this.deliver(call, answer);
  }

  /**
   * An answer still to come: whichever of it and the call's timeout is first is delivered after the current turn
   * (the embedder runs it with dispatch, settle or runStreamAsync).
   */
  private await(call: GrpcCall, answer: Promise<GrpcAnswer>): void {
    const timeoutMs = call.request.timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      if (timeoutMs > 0) timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const answered = answer.then(
      (a) => a,
      (error: unknown): GrpcAnswer => ({ status: REJECTED_STATUS, statusMessage: error instanceof Error ? error.message : String(error) }),
    );
    call.waiting = Promise.race([answered, timedOut]).then((outcome) => {
      clearTimeout(timer);
      call.waiting = undefined;
      if (outcome === "timeout") call.abort?.abort();
      this.core.post(() => {
        if (outcome === "timeout") this.close(call, GrpcStatus.DeadlineExceeded, GRPC_TIMEOUT_MESSAGE);
        else this.deliver(call, outcome);
      });
    });
  }

  private deliver(call: GrpcCall, answer: GrpcAnswer): void {
    if (call.finished) return;
    const timeoutMs = call.request.timeoutMs;
    const late = answer === "no-answer" || (timeoutMs > 0 && (answer.delayMs ?? 0) >= timeoutMs);
    if (late) {
      // Without a timeout the call simply stays open.
      if (timeoutMs > 0) this.close(call, GrpcStatus.DeadlineExceeded, GRPC_TIMEOUT_MESSAGE);
      return;
    }
    const reply = answer as GrpcReply;
    const messages = (reply.messages ?? []).map(toBytes);
    if (reply.message !== undefined) messages.unshift(toBytes(reply.message));
    const status = reply.status ?? GrpcStatus.Ok;
    if (call.request.kind === "call") {
      // AsyncRequestImpl: OK with a message succeeds; OK without one is an INTERNAL failure.
      if (status !== GrpcStatus.Ok) this.close(call, status, reply.statusMessage ?? "");
      else if (messages.length === 0) this.close(call, GrpcStatus.Internal, "");
      else this.receive(call, messages[0]!, true);
      return;
    }
    this.metadata(call, "proxy_on_grpc_receive_initial_metadata", reply.initialMetadata ?? []);
    for (const message of messages) if (!call.finished) this.receive(call, message, false);
    this.metadata(call, "proxy_on_grpc_receive_trailing_metadata", reply.trailingMetadata ?? []);
    this.close(call, status, reply.statusMessage ?? "");
  }

  /** The declared answer; a method the cluster does not declare is UNIMPLEMENTED, as a gRPC server answers. */
  private answerOf(call: GrpcCall, signal: AbortSignal): GrpcAnswer | Promise<GrpcAnswer> {
    const { cluster, service, method } = call.request;
    const methods = this.clusters[cluster];
    const spec = typeof methods === "function" ? methods : methods?.[`${service}/${method}`];
    if (spec === undefined) return { status: GrpcStatus.Unimplemented, statusMessage: `Method not found: ${service}/${method}` };
    return typeof spec === "function" ? spec(snapshot(call), signal) : spec;
  }

  /**
   * proxy_on_grpc_receive with GRPC_RECEIVE_BUFFER readable. A unary call ends with it; like Envoy's
   * onGrpcReceiveWrapper the token is forgotten only after the callback.
   */
  private receive(call: GrpcCall, message: Uint8Array, last: boolean): void {
    const { vm, root } = call;
    if (last) call.finished = true;
    this.record({ type: "grpc-receive", token: call.token, size: message.length });
    if (this.reachable(call, "proxy_on_grpc_receive")) {
      root.grpcReceiveBuffer = message;
      vm.invoke(root, "proxy_on_grpc_receive", root.id, call.token, message.length);
      root.grpcReceiveBuffer = null;
    }
    if (last) this.calls.delete(call.token);
    vm.flush();
  }

  /** Initial or trailing metadata, readable as map 4 or 5 during its callback. */
  private metadata(call: GrpcCall, callback: "proxy_on_grpc_receive_initial_metadata" | "proxy_on_grpc_receive_trailing_metadata", list: HeaderList): void {
    if (call.finished || !this.reachable(call, callback)) return;
    const { vm, root } = call;
    const map = new HeaderMap(list.map(([k, v]) => [k.toLowerCase(), v]));
    const initial = callback === "proxy_on_grpc_receive_initial_metadata";
    if (initial) root.grpcInitialMetadata = map;
    else root.grpcTrailingMetadata = map;
    vm.invoke(root, callback, root.id, call.token, map.size);
    root.grpcInitialMetadata = null;
    root.grpcTrailingMetadata = null;
    vm.flush();
  }

  /**
   * proxy_on_grpc_close: the status as the argument, code and message through proxy_get_status (Envoy's
   * onGrpcCloseWrapper). Afterwards a call's token is forgotten, a stream's only if the filter closed its side too.
   */
  private close(call: GrpcCall, status: number, message: string): void {
    if (call.finished) return;
    call.finished = true;
    this.record({ type: "grpc-close", token: call.token, status, message });
    const { vm, root } = call;
    if (this.reachable(call, "proxy_on_grpc_close")) {
      root.statusCode = status;
      root.statusMessage = message;
      vm.invoke(root, "proxy_on_grpc_close", root.id, call.token, status);
      // Envoy clears only the message afterwards.
      root.statusMessage = "";
    }
    if (call.request.kind === "call" || call.localClosed) this.calls.delete(call.token);
    vm.flush();
  }

  private reachable(call: GrpcCall, callback: string): boolean {
    return !call.vm.failed && !call.root.deleted && call.vm.has(callback);
  }

  private record(event: { type: "grpc-receive"; token: number; size: number } | { type: "grpc-close"; token: number; status: number; message: string }): void {
    if (!this.core.tracing) return;
    (this.core.driving?.sink ?? this.core.vmSink).trace.push(event);
  }
}

/** The request as an embedder sees it: later sends on a stream do not change it. */
function snapshot(call: GrpcCall): GrpcCallRequest {
  return { ...call.request, messages: [...call.request.messages] };
}

/**
 * The status proxy_grpc_call/proxy_grpc_stream return for a target they refuse, else undefined (Envoy's
 * Context::grpcCall/grpcStream): an unknown cluster name is ParseFailure; a GrpcService without a target is
 * BadArgument (the async client cannot be made); one naming an unknown envoy_grpc cluster fails in the async
 * client at once (InternalFailure). google_grpc targets are not emulated (Unimplemented).
 */
export function refusedTarget(hasCluster: (name: string) => boolean, target: GrpcTarget): number | undefined {
  if (target.kind === "cluster-name") return hasCluster(target.cluster) ? undefined : Status.ParseFailure;
  if (target.envoyCluster !== undefined) return hasCluster(target.envoyCluster) ? undefined : Status.InternalFailure;
  return target.googleGrpc ? Status.Unimplemented : Status.BadArgument;
}
