/**
 * proxy_http_call as the host models it: calls go to scripted clusters, the answer is delivered later to
 * proxy_on_http_call_response on the root context (never inside the guest call that made the request).
 */

import { Status } from "./abi.js";
import type { HostCore } from "./core.js";
import { HeaderMap } from "./header-map.js";
import type { HeaderList } from "./pairs.js";
import type { RootContext } from "./root-context.js";
import { toBytes } from "./stream-spec.js";
import type { Vm } from "./vm.js";

export interface HttpCallRequest {
  headers: HeaderList;
  body: Uint8Array;
  trailers: HeaderList;
  timeoutMs: number;
}

export interface HttpCallReply {
  headers: HeaderList;
  body?: Uint8Array | string;
  trailers?: HeaderList;
}

/** What a scripted upstream answers: a response, a timeout (Envoy's async client turns it into a 504), or a reset. */
export type HttpCallAnswer = HttpCallReply | "timeout" | "reset";

export type Cluster = (req: HttpCallRequest) => HttpCallAnswer | Promise<HttpCallAnswer>;

/** A cluster is a script, or "manual": calls wait until the embedder answers them (respondHttpCall). */
export type ClusterSpec = Cluster | "manual";

export interface HttpCall {
  readonly token: number;
  readonly cluster: string;
  readonly request: HttpCallRequest;
  readonly vm: Vm;
  readonly root: RootContext;
  /** Set once the answer is known; a promise while an asynchronous cluster is still answering. */
  answer?: HttpCallAnswer;
  waiting?: Promise<void>;
  delivered: boolean;
}

/** The reply Envoy's async HTTP client synthesizes when a call's timeout fires (the router's local reply). */
export const TIMEOUT_REPLY: HttpCallReply = {
  headers: [
    [":status", "504"],
    ["content-length", "24"],
    ["content-type", "text/plain"],
  ],
  body: "upstream request timeout",
};

export interface PendingHttpCall {
  token: number;
  cluster: string;
  request: HttpCallRequest;
}

/** The host's side of HTTP calls: clusters, calls in flight, and delivery to the plugin. */
export class HttpCallBroker {
  private readonly calls: HttpCall[] = [];

  constructor(
    private readonly core: HostCore,
    private readonly clusters: Record<string, ClusterSpec>,
  ) {}

  hasCluster(name: string): boolean {
    return Object.hasOwn(this.clusters, name);
  }

  /** A call was accepted: its cluster is asked after the current guest call, like an async client. */
  started(call: HttpCall): void {
    this.calls.push(call);
    this.core.post(() => this.ask(call));
  }

  pending(): PendingHttpCall[] {
    return this.calls.filter((c) => !c.delivered).map((c) => ({ token: c.token, cluster: c.cluster, request: c.request }));
  }

  /** Answers still being computed by asynchronous clusters. */
  waiting(): Array<Promise<void>> {
    return this.calls.filter((c) => c.waiting !== undefined && !c.delivered).map((c) => c.waiting!);
  }

  respond(token: number, answer: HttpCallAnswer): boolean {
    const call = this.calls.find((c) => c.token === token && !c.delivered);
    if (call === undefined) return false;
    call.answer = answer;
    this.deliver(call);
    return true;
  }

  /** Asks the cluster script (outside any guest call) and delivers a synchronous answer at once. */
  private ask(call: HttpCall): void {
    if (call.delivered || call.answer !== undefined || call.waiting !== undefined) return;
    const cluster = this.clusters[call.cluster]!;
    if (cluster === "manual") return;
    const answer = cluster(call.request);
    if (answer instanceof Promise) {
      const settle = (a: HttpCallAnswer): void => {
        call.answer = a;
        this.core.post(() => this.deliver(call));
      };
      call.waiting = answer.then(settle, () => settle("reset"));
      return;
    }
    call.answer = answer;
    this.deliver(call);
  }

  /** proxy_on_http_call_response on the root context that made the call; a reset arrives as zero headers. */
  private deliver(call: HttpCall): void {
    if (call.delivered || call.answer === undefined) return;
    call.delivered = true;
    this.calls.splice(this.calls.indexOf(call), 1);
    const { vm, root } = call;
    if (vm.failed || root.deleted || !vm.has("proxy_on_http_call_response")) return;
    const answer = call.answer === "timeout" ? TIMEOUT_REPLY : call.answer;
    const trace = this.core.tracing ? (this.core.driving?.sink ?? this.core.vmSink).trace : undefined;
    if (answer === "reset") {
      trace?.push({ type: "http-call-response", token: call.token, status: "failed", headers: [], body: "" });
      // Envoy reports the failure through proxy_get_status and clears only the message afterwards.
      root.statusCode = Status.BrokenConnection;
      root.statusMessage = "reset";
      vm.invoke(root, "proxy_on_http_call_response", root.id, call.token, 0, 0, 0);
      root.statusMessage = "";
      vm.flush();
      return;
    }
    const headers = new HeaderMap(answer.headers);
    if (headers.getLower(":status") === undefined) headers.add(":status", "200");
    const body = toBytes(answer.body);
    const trailers = answer.trailers !== undefined && answer.trailers.length > 0 ? new HeaderMap(answer.trailers) : null;
    trace?.push({ type: "http-call-response", token: call.token, status: "ok", headers: headers.toList(), body: new TextDecoder().decode(body) });
    root.httpCallResponse = { headers, body, trailers };
    vm.invoke(root, "proxy_on_http_call_response", root.id, call.token, headers.size, body.length, trailers?.size ?? 0);
    root.httpCallResponse = null;
    vm.flush();
  }
}
