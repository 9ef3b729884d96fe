/**
 * The response Envoy generates for sendLocalReply (Http::Utility::prepareLocalReply), which is what a filter's
 * own response callbacks see and what the client receives:
 * - plain HTTP: `:status`, the filter's additional headers in order, then `content-length` and
 *   `content-type: text/plain` (unless a content-type was given) when there is a body; no body headers otherwise;
 * - gRPC requests (content-type application/grpc*): a trailers-only response, `:status 200`,
 *   `content-type: application/grpc`, `grpc-status` (the given code, else mapped from the HTTP status) and the
 *   body as a percent-encoded `grpc-message`.
 */

import { GrpcStatus } from "./abi.js";
import { HeaderMap } from "./header-map.js";
import type { HeaderList } from "./pairs.js";

const utf8Decoder = new TextDecoder();

export interface LocalReplyInput {
  readonly status: number;
  readonly body: Uint8Array;
  /** Keys in lower case (proxy_send_local_response reads them so). */
  readonly headers: HeaderList;
  /** -1 (or anything outside 0..16) means none. */
  readonly grpcStatus: number;
}

export function localReplyResponse(input: LocalReplyInput, grpcRequest: boolean): { headers: HeaderMap; body: Uint8Array } {
  const headers = new HeaderMap();
  if (grpcRequest) {
    headers.add(":status", "200");
    for (const [k, v] of input.headers) headers.add(k, v);
    headers.replace("content-type", "application/grpc");
    const code = input.grpcStatus >= 0 && input.grpcStatus <= GrpcStatus.MaximumKnown ? input.grpcStatus : httpToGrpc(input.status);
    headers.replace("grpc-status", String(code));
    if (input.body.length > 0) headers.replace("grpc-message", encodeURIComponent(utf8Decoder.decode(input.body)));
    return { headers, body: new Uint8Array(0) };
  }
  // Keys go in as they are (lower case already): add() and replace() would lower-case copies of them.
  headers.addEntry([":status", String(input.status)]);
  for (const entry of input.headers) headers.addEntry(entry);
  if (input.body.length > 0) {
    headers.replaceLower("content-length", String(input.body.length));
    if (headers.getLower("content-type") === undefined) headers.addEntry(["content-type", "text/plain"]);
  }
  return { headers, body: input.body };
}

/** Envoy's Grpc::Utility::httpToGrpcStatus. */
function httpToGrpc(status: number): number {
  switch (status) {
    case 400:
      return 13;
    case 401:
      return 16;
    case 403:
      return 7;
    case 404:
      return 12;
    case 429:
    case 502:
    case 503:
    case 504:
      return 14;
    default:
      return 2;
  }
}

/** Envoy's StringUtil::replaceAllEmptySpace on response_code_details. */
export function detailsWithoutSpaces(details: string): string {
  // A filter sends the same few details again and again: skip the regex for the last one seen.
  if (details !== lastDetails) {
    lastDetails = details;
    lastDetailsWithoutSpaces = details.replace(/\s/g, "_");
  }
  return lastDetailsWithoutSpaces;
}

let lastDetails = "";
let lastDetailsWithoutSpaces = "";
