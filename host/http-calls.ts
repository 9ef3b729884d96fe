/**
 * proxy_http_call as the host models it: calls go to scripted clusters, the answer is delivered later to
 * proxy_on_http_call_response on the root context (never inside the guest call that made the request).
 */

import type { HeaderList } from "./pairs.js";
import type { RootContext } from "./root-context.js";
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
