// bench/limits.ts's authorized request by hand: `rule "auth" authorize with "ext-authz" send headers
// ["authorization"] copy headers ["x-user-id"]` (HTTP mode, timeout 200 ms, failure denies with 403), with the
// host calls it needs: :method, :path, :authority and authorization read once each, proxy_http_call with them and
// no body, and on the answer the stream made current again and :status read; a 2xx copies x-user-id onto the
// request and continues, a refusal is answered with the service's status, body and www-authenticate.
import {
  BUFFER_HTTP_CALL_RESPONSE_BODY, MAP_HTTP_CALL_RESPONSE_HEADERS, MAP_REQUEST_HEADERS, STATUS_OK, STOP_ALL_ITERATION_AND_WATERMARK, STREAM_REQUEST,
  proxy_continue_stream, proxy_get_buffer_bytes, proxy_http_call, proxy_send_local_response,
} from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put } from "./bytes.as";
import { calloutForget, calloutRemember, calloutResume, calloutsFull } from "./callouts.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { oneHeader } from "./reply.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const CLUSTER: Bytes = lit("ext-authz");
const METHOD: Bytes = lit(":method");
const PATH: Bytes = lit(":path");
const AUTHORITY: Bytes = lit(":authority");
const AUTHORIZATION: Bytes = lit("authorization");
const STATUS: Bytes = lit(":status");
const USER_ID: Bytes = lit("x-user-id");
const WWW_AUTHENTICATE: Bytes = lit("www-authenticate");
const SLASH: Bytes = lit("/");
const DETAILS: Bytes = lit("filterc_auth");
const TIMEOUT_MS: u32 = 200;
/** ext_authz's status_on_error. */
const FAILURE_STATUS: u32 = 403;

const out = memory.data(8);

/** The pairs format of up to four headers; an absent value leaves its header out. */
function pairs(k0: Bytes, v0: Bytes, k1: Bytes, v1: Bytes, k2: Bytes, v2: Bytes, k3: Bytes, v3: Bytes): Bytes {
  const count: u32 = v3 == ABSENT ? 3 : 4;
  const size = 4 + 8 * <usize>count + lenOf(k0) + lenOf(v0) + lenOf(k1) + lenOf(v1) + lenOf(k2) + lenOf(v2) + (count == 4 ? lenOf(k3) + lenOf(v3) : 0) + 2 * <usize>count;
  const list = arenaAlloc(size);
  store<u32>(list, count);
  let w = list + 4 + 8 * <usize>count;
  for (let i: u32 = 0; i < count; i++) {
    const k = i == 0 ? k0 : i == 1 ? k1 : i == 2 ? k2 : k3;
    const v = i == 0 ? v0 : i == 1 ? v1 : i == 2 ? v2 : v3;
    store<u32>(list + 4 + 8 * <usize>i, <u32>lenOf(k));
    store<u32>(list + 8 + 8 * <usize>i, <u32>lenOf(v));
    w = put(w, k);
    store<u8>(w++, 0);
    w = put(w, v);
    store<u8>(w++, 0);
  }
  return bytes(list, size);
}

function fail(): void {
  proxy_send_local_response(FAILURE_STATUS, ptrOf(DETAILS), lenOf(DETAILS), 0, 0, 0, 0, -1);
  resetArena();
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const method = getHeader(MAP_REQUEST_HEADERS, METHOD);
  let path = getHeader(MAP_REQUEST_HEADERS, PATH);
  if (path == ABSENT || lenOf(path) == 0) path = SLASH;
  const authority = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  const list = pairs(METHOD, method, PATH, path, AUTHORITY, authority, AUTHORIZATION, getHeader(MAP_REQUEST_HEADERS, AUTHORIZATION));
  // A full table, like a call the proxy refuses, is a failure.
  if (calloutsFull() || proxy_http_call(ptrOf(CLUSTER), lenOf(CLUSTER), ptrOf(list), lenOf(list), 0, 0, 0, 0, TIMEOUT_MS, out) != STATUS_OK) {
    fail();
    return STOP_ALL_ITERATION_AND_WATERMARK;
  }
  calloutRemember(load<u32>(out), ctx);
  resetArena();
  return STOP_ALL_ITERATION_AND_WATERMARK;
}

/** A decimal status, or 0. */
function statusOf(text: Bytes): u32 {
  if (text == ABSENT || lenOf(text) == 0 || lenOf(text) > 3) return 0;
  let n: u32 = 0;
  for (let i: usize = 0; i < lenOf(text); i++) {
    const d = <u32>load<u8>(ptrOf(text) + i) - 48;
    if (d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

export function proxy_on_http_call_response(root: u32, token: u32, headers: u32, size: u32, trailers: u32): void {
  if (!calloutResume(token)) return;
  // No headers is a reset; a 5xx (the timeout's 504 too) is an error, as Envoy's ext_authz HTTP client takes it.
  const status = headers == 0 ? 0 : statusOf(getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, STATUS));
  if (status < 100 || status >= 500) {
    fail();
    return;
  }
  if (status >= 200 && status < 300) {
    const user = getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, USER_ID);
    if (user != ABSENT) replaceHeader(MAP_REQUEST_HEADERS, USER_ID, user);
    proxy_continue_stream(STREAM_REQUEST);
    resetArena();
    return;
  }
  let body: Bytes = 0;
  if (size > 0 && proxy_get_buffer_bytes(BUFFER_HTTP_CALL_RESPONSE_BODY, 0, size, out, out + 4) == STATUS_OK) body = bytes(<usize>load<u32>(out), <usize>load<u32>(out + 4));
  const challenge = getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, WWW_AUTHENTICATE);
  const list: Bytes = challenge == ABSENT ? 0 : oneHeader(WWW_AUTHENTICATE, challenge);
  proxy_send_local_response(status, ptrOf(DETAILS), lenOf(DETAILS), ptrOf(body), lenOf(body), ptrOf(list), lenOf(list), -1);
  resetArena();
}

/** A stream that ends while its call is in flight forgets it, so the answer finds nothing. */
export function proxy_on_delete(ctx: u32): void {
  calloutForget(ctx, false);
}
