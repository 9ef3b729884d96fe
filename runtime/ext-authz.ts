// External authorization: `authorize with "CLUSTER" ...` (docs/language.md, "External authorization"). The request
// headers callback asks the authorization service and pauses (callout.ts); the answer comes back to the generated
// proxy_on_http_call_response (HTTP mode) or proxy_on_grpc_receive / proxy_on_grpc_close (gRPC mode), which reads it
// here. What the answers mean follows Envoy's ext_authz filter (source/extensions/filters/http/ext_authz/
// ext_authz.cc, and source/extensions/filters/common/ext_authz/ext_authz_http_impl.cc for HTTP mode): an allowed
// request goes on with the headers the service adds, a denied one is answered with the service's status, headers
// and body, and a failure (an error, a 5xx, a timeout) follows the rule's failure choice.
import { proxy_get_buffer_bytes, proxy_get_header_map_pairs, proxy_increment_metric, BUFFER_GRPC_RECEIVE, BUFFER_HTTP_CALL_RESPONSE_BODY, MAP_HTTP_CALL_RESPONSE_HEADERS, MAP_REQUEST_HEADERS, LOG_INFO, STATUS_OK } from "./abi";
import { checkRequest, checkResponseCode, checkResponseDecode, deniedBodyOf, deniedStatusCode, optionAppendsOf, optionAt, optionKeyOf, optionValueOf, removalAt } from "./authz-messages";
import { calloutGrpc, calloutHttp } from "./callout";
import { addHeader, getHeader, removeHeader, setHeader, setHeaderChecked } from "./headers";
import { pairsAdd, pairsBegin, pairsFinish } from "./local-response";
import { logParts } from "./log";
import { arenaAlloc } from "./memory";
import { getAddressProperty, getIntProperty, getProperty } from "./properties";
import { grpcServiceOf } from "./ratelimit-messages";
import { ABSENT, EMPTY, HOST_RETURN, Str, hostValue, parseInt, put, str, strEquals, strLen, strPtr } from "./str";

export const AUTHZ_FAILED: u32 = 0;
export const AUTHZ_OK: u32 = 1;
export const AUTHZ_DENIED: u32 = 2;

/** The last call could not be made: the failure choice applies at once. */
let refused = false;
// What the last answer said, for its denial: status, body and headers (pairs format).
let deniedStatus: u32 = 403;
let deniedBody: Str = EMPTY;
let deniedHeaders: Str = 0;

/** The last authzHttpCall or authzGrpcCall could not be made (an unknown cluster). */
export function authzRefused(): bool {
  return refused;
}

/** Marks whether the call was made; false when the proxy refused it. */
export function authzStarted(made: bool): bool {
  refused = !made;
  return made;
}

/**
 * Header names as the compiler passes a list of them: one constant, the names separated by "\n". namesNext reads
 * the name at `at` and leaves where the next one starts in namesAt (past the end when there is none).
 */
let namesAt: usize = 0;

function nameAt(list: Str, at: usize): Str {
  const start = strPtr(list) + at;
  const end = strPtr(list) + strLen(list);
  let p = start;
  while (p < end && load<u8>(p) != 10) p++;
  namesAt = p - strPtr(list) + 1;
  return str(start, p - start);
}

/**
 * HTTP mode: asks `cluster` about the request with a copy of its head, as Envoy's ext_authz HTTP client
 * builds it (ext_authz_http_impl.cc, RawHttpClientImpl::check): the request's method, `path` (the request's own
 * :path when ABSENT), :authority, and the headers of `send` present on the request. No body is sent. True when the
 * call is made (the rule then pauses the stream).
 */
export function authzHttpCall(cluster: Str, path: Str, send: Str, timeoutMs: u32, ctx: u32, site: u32): bool {
  const method = getHeader(MAP_REQUEST_HEADERS, METHOD_KEY());
  const target = path == ABSENT ? getHeader(MAP_REQUEST_HEADERS, PATH_KEY()) : path;
  const authority = getHeader(MAP_REQUEST_HEADERS, AUTHORITY_KEY());
  // Each listed header is read once: its value is kept in the arena between sizing the list and writing it.
  let names: usize = 0;
  for (let at: usize = 0; at < strLen(send); names++) {
    nameAt(send, at);
    at = namesAt;
  }
  const values = arenaAlloc(names << 3);
  let count: usize = 3;
  let text: usize = 7 + strLen(method) + 5 + strLen(target) + 10 + strLen(authority);
  let i: usize = 0;
  for (let at: usize = 0; at < strLen(send); i++) {
    const name = nameAt(send, at);
    at = namesAt;
    const value = getHeader(MAP_REQUEST_HEADERS, name);
    store<Str>(values + (i << 3), value);
    if (value == ABSENT) continue;
    count++;
    text += strLen(name) + strLen(value);
  }
  pairsBegin(count, text);
  pairsAdd(METHOD_KEY(), method);
  // An empty path would have the proxy refuse the call: "/" is the root it means.
  pairsAdd(PATH_KEY(), strLen(target) == 0 ? SLASH() : target);
  pairsAdd(AUTHORITY_KEY(), authority);
  i = 0;
  for (let at: usize = 0; at < strLen(send); i++) {
    const name = nameAt(send, at);
    at = namesAt;
    const value = load<Str>(values + (i << 3));
    if (value != ABSENT) pairsAdd(name, value);
  }
  return authzStarted(calloutHttp(cluster, pairsFinish(), timeoutMs, ctx, site));
}

/**
 * Reads an HTTP answer of `headers` headers and a `size`-byte body: AUTHZ_OK for a 2xx; AUTHZ_FAILED for no answer
 * (a reset: zero headers), a status that is not one, or a 5xx (ext_authz_http_impl.cc takes 5xx as an error, and
 * Envoy's async client turns a timeout into the router's 504); AUTHZ_DENIED otherwise, with the service's status,
 * body and `www-authenticate` kept for authzDeny.
 */
export function authzHttpAnswer(headers: u32, size: u32): u32 {
  if (headers == 0) return AUTHZ_FAILED;
  const status = parseInt(getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, STATUS_KEY()));
  if (status < 100 || status >= 500) return AUTHZ_FAILED;
  if (status >= 200 && status < 300) return AUTHZ_OK;
  deniedStatus = <u32>status;
  const body = size == 0 ? EMPTY : hostValue(proxy_get_buffer_bytes(BUFFER_HTTP_CALL_RESPONSE_BODY, 0, size, HOST_RETURN, HOST_RETURN + 4));
  deniedBody = body == ABSENT ? EMPTY : body;
  const challenge = getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, WWW_AUTHENTICATE());
  if (challenge == ABSENT) {
    deniedHeaders = 0;
  } else {
    pairsBegin(1, 16 + strLen(challenge));
    pairsAdd(WWW_AUTHENTICATE(), challenge);
    deniedHeaders = pairsFinish();
  }
  return AUTHZ_DENIED;
}

/** Sets the headers of `copy` that the allowing HTTP answer has on the request, replacing their values. */
export function authzCopyHeaders(copy: Str): void {
  for (let at: usize = 0; at < strLen(copy); ) {
    const name = nameAt(copy, at);
    at = namesAt;
    const value = getHeader(MAP_HTTP_CALL_RESPONSE_HEADERS, name);
    if (value != ABSENT) setHeaderChecked(MAP_REQUEST_HEADERS, name, value);
  }
}

/**
 * gRPC mode: calls envoy.service.auth.v3.Authorization/Check on `cluster` with the request's CheckRequest
 * (authz-messages.ts), its headers all of the request's or, with `send`, the listed ones. True when the call is made.
 */
export function authzGrpcCall(cluster: Str, send: Str, timeoutMs: u32, ctx: u32, site: u32): bool {
  return authzStarted(calloutGrpc(grpcServiceOf(cluster), SERVICE(), METHOD(), checkRequestOf(send), timeoutMs, ctx, site));
}

/** A port property as CheckRequest's port_value: 0 (left out) when the proxy has none. */
function portOf(path: Str): u32 {
  const port = getIntProperty(path);
  return port < 0 || port > 65535 ? 0 : <u32>port;
}

/**
 * The CheckRequest of the current request, as Envoy's check_request_utils.cc fills it: the peers from the
 * connection's properties, and the HTTP request from its headers. The headers map has every header, pseudo-headers
 * included, a repeated header once with its values joined by "," (Envoy joins them so); with `send`, only those.
 */
function checkRequestOf(send: Str): Str {
  let base: usize = 0;
  let count: u32 = 0;
  if (proxy_get_header_map_pairs(MAP_REQUEST_HEADERS, HOST_RETURN, HOST_RETURN + 4) == STATUS_OK && load<u32>(HOST_RETURN + 4) >= 4) {
    base = <usize>load<u32>(HOST_RETURN);
    count = load<u32>(base);
  }
  // Each pair's key and value as Strs, then the map's entries: one per name, in order of first appearance.
  const pairs = arenaAlloc(<usize>count * 16 + 1);
  let text = base + 4 + <usize>count * 8;
  for (let i: u32 = 0; i < count; i++) {
    const keyLen = <usize>load<u32>(base + 4 + <usize>i * 8);
    const valueLen = <usize>load<u32>(base + 8 + <usize>i * 8);
    store<u64>(pairs + <usize>i * 16, str(text, keyLen));
    store<u64>(pairs + <usize>i * 16, str(text + keyLen + 1, valueLen), 8);
    text += keyLen + valueLen + 2;
  }
  const entries = arenaAlloc(<usize>count * 16 + 1);
  let kept: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const key = load<u64>(pairs + <usize>i * 16);
    if (strLen(send) > 0 && !listed(send, key)) continue;
    let seen = false;
    for (let j: u32 = 0; j < kept && !seen; j++) seen = strEquals(load<u64>(entries + <usize>j * 16), key);
    if (seen) continue;
    store<u64>(entries + <usize>kept * 16, key);
    store<u64>(entries + <usize>kept * 16, joinedValue(pairs, count, i), 8);
    kept++;
  }
  return checkRequest(
    getAddressProperty(SOURCE_ADDRESS()), portOf(SOURCE_PORT()), getProperty(PEER_SAN()),
    getAddressProperty(DESTINATION_ADDRESS()), portOf(DESTINATION_PORT()), getProperty(LOCAL_SAN()),
    getHeader(MAP_REQUEST_HEADERS, X_REQUEST_ID()), getHeader(MAP_REQUEST_HEADERS, METHOD_KEY()), entries, kept,
    getHeader(MAP_REQUEST_HEADERS, PATH_KEY()), getHeader(MAP_REQUEST_HEADERS, AUTHORITY_KEY()), getHeader(MAP_REQUEST_HEADERS, SCHEME_KEY()), getProperty(PROTOCOL()),
  );
}

/** Whether `name` is one of the names of `list` ("\n" between them). */
function listed(list: Str, name: Str): bool {
  for (let at: usize = 0; at < strLen(list); ) {
    const item = nameAt(list, at);
    at = namesAt;
    if (strEquals(item, name)) return true;
  }
  return false;
}

/** The values of pair `first`'s key from `first` on, joined by ","; the value in place when there is one. */
function joinedValue(pairs: usize, count: u32, first: u32): Str {
  const key = load<u64>(pairs + <usize>first * 16);
  let size: usize = 0;
  let values: u32 = 0;
  for (let i = first; i < count; i++) {
    if (!strEquals(load<u64>(pairs + <usize>i * 16), key)) continue;
    size += strLen(load<u64>(pairs + <usize>i * 16, 8));
    values++;
  }
  if (values == 1) return load<u64>(pairs + <usize>first * 16, 8);
  const start = arenaAlloc(size + values - 1);
  let at = start;
  for (let i = first; i < count; i++) {
    if (!strEquals(load<u64>(pairs + <usize>i * 16), key)) continue;
    if (at != start) store<u8>(at++, 44);
    at = put(at, load<u64>(pairs + <usize>i * 16, 8));
  }
  return str(start, at - start);
}

/**
 * Reads a CheckResponse of `size` bytes: AUTHZ_OK when its status code is OK (0), AUTHZ_FAILED when it is not a
 * CheckResponse, AUTHZ_DENIED otherwise, with denied_response's status (403 without one, Envoy's Forbidden),
 * headers and body kept for the reply.
 */
export function authzGrpcAnswer(size: u32): u32 {
  const message = hostValue(proxy_get_buffer_bytes(BUFFER_GRPC_RECEIVE, 0, size, HOST_RETURN, HOST_RETURN + 4));
  if (message == ABSENT || !checkResponseDecode(message == EMPTY ? str(HOST_RETURN, 0) : message)) return AUTHZ_FAILED;
  if (checkResponseCode() == 0) return AUTHZ_OK;
  const code = deniedStatusCode();
  deniedStatus = code >= 200 && code <= 599 ? <u32>code : 403;
  const body = deniedBodyOf();
  deniedBody = strLen(body) == 0 ? EMPTY : body;
  let count: usize = 0;
  let text: usize = 0;
  for (; optionAt(true, <i32>count); count++) text += strLen(optionKeyOf()) + strLen(optionValueOf());
  pairsBegin(count, text);
  for (let i: i32 = 0; i < <i32>count; i++) {
    optionAt(true, i);
    pairsAdd(optionKeyOf(), optionValueOf());
  }
  deniedHeaders = pairsFinish();
  return AUTHZ_DENIED;
}

/**
 * Applies an OK CheckResponse's ok_response to the request: each header set, or added when its `append` is true,
 * then each of headers_to_remove removed, except pseudo-headers and `host`, which Envoy's ext_authz filter does not
 * let a service remove.
 */
export function authzApplyOk(): void {
  for (let i: i32 = 0; optionAt(false, i); i++) {
    if (optionAppendsOf()) addHeader(MAP_REQUEST_HEADERS, optionKeyOf(), optionValueOf());
    else setHeader(MAP_REQUEST_HEADERS, optionKeyOf(), optionValueOf());
  }
  for (let i: i32 = 0; ; i++) {
    const name = removalAt(i);
    if (name == ABSENT) break;
    if (strLen(name) == 0 || load<u8>(strPtr(name)) == 58 || strEquals(name, HOST_KEY())) continue;
    removeHeader(MAP_REQUEST_HEADERS, name);
  }
}

export function authzDeniedStatus(): u32 {
  return deniedStatus;
}

export function authzDeniedBody(): Str {
  return deniedBody;
}

/** The denial's headers (pairs format), or no list. */
export function authzDeniedHeaders(): Str {
  return deniedHeaders;
}

/** A shadow rule's refusal: `shadow rule "NAME": would deny (...)` at info level, and its counter. */
export function authzWouldDeny(prefix: Str, metric: u32, failed: bool): void {
  logParts(LOG_INFO, prefix, failed ? WOULD_DENY_FAILED() : WOULD_DENY(), EMPTY);
  proxy_increment_metric(metric, 1);
}

/** ":method" */
// @ts-ignore: decorator
@inline function METHOD_KEY(): Str {
  return str(memory.data<u8>([58,109,101,116,104,111,100]), 7);
}

/** ":path" */
// @ts-ignore: decorator
@inline function PATH_KEY(): Str {
  return str(memory.data<u8>([58,112,97,116,104]), 5);
}

/** ":authority" */
// @ts-ignore: decorator
@inline function AUTHORITY_KEY(): Str {
  return str(memory.data<u8>([58,97,117,116,104,111,114,105,116,121]), 10);
}

/** ":status" */
// @ts-ignore: decorator
@inline function STATUS_KEY(): Str {
  return str(memory.data<u8>([58,115,116,97,116,117,115]), 7);
}

/** "www-authenticate" */
// @ts-ignore: decorator
@inline function WWW_AUTHENTICATE(): Str {
  return str(memory.data<u8>([119,119,119,45,97,117,116,104,101,110,116,105,99,97,116,101]), 16);
}

/** "/" */
// @ts-ignore: decorator
@inline function SLASH(): Str {
  return str(memory.data<u8>([47]), 1);
}

/** " would deny (the authorization service refused the request)" */
// @ts-ignore: decorator
@inline function WOULD_DENY(): Str {
  return str(memory.data<u8>([32,119,111,117,108,100,32,100,101,110,121,32,40,116,104,101,32,97,117,116,104,111,114,105,122,97,116,105,111,110,32,115,101,114,118,105,99,101,32,114,101,102,117,115,101,100,32,116,104,101,32,114,101,113,117,101,115,116,41]), 59);
}

/** " would deny (the authorization service failed)" */
// @ts-ignore: decorator
@inline function WOULD_DENY_FAILED(): Str {
  return str(memory.data<u8>([32,119,111,117,108,100,32,100,101,110,121,32,40,116,104,101,32,97,117,116,104,111,114,105,122,97,116,105,111,110,32,115,101,114,118,105,99,101,32,102,97,105,108,101,100,41]), 46);
}

/** "envoy.service.auth.v3.Authorization" */
// @ts-ignore: decorator
@inline function SERVICE(): Str {
  return str(memory.data<u8>([101,110,118,111,121,46,115,101,114,118,105,99,101,46,97,117,116,104,46,118,51,46,65,117,116,104,111,114,105,122,97,116,105,111,110]), 35);
}

/** "Check" */
// @ts-ignore: decorator
@inline function METHOD(): Str {
  return str(memory.data<u8>([67,104,101,99,107]), 5);
}

/** "x-request-id" */
// @ts-ignore: decorator
@inline function X_REQUEST_ID(): Str {
  return str(memory.data<u8>([120,45,114,101,113,117,101,115,116,45,105,100]), 12);
}

/** ":scheme" */
// @ts-ignore: decorator
@inline function SCHEME_KEY(): Str {
  return str(memory.data<u8>([58,115,99,104,101,109,101]), 7);
}

/** "host" */
// @ts-ignore: decorator
@inline function HOST_KEY(): Str {
  return str(memory.data<u8>([104,111,115,116]), 4);
}

/** The property source.address */
// @ts-ignore: decorator
@inline function SOURCE_ADDRESS(): Str {
  return str(memory.data<u8>([115,111,117,114,99,101,0,97,100,100,114,101,115,115]), 14);
}

/** The property source.port */
// @ts-ignore: decorator
@inline function SOURCE_PORT(): Str {
  return str(memory.data<u8>([115,111,117,114,99,101,0,112,111,114,116]), 11);
}

/** The property destination.address */
// @ts-ignore: decorator
@inline function DESTINATION_ADDRESS(): Str {
  return str(memory.data<u8>([100,101,115,116,105,110,97,116,105,111,110,0,97,100,100,114,101,115,115]), 19);
}

/** The property destination.port */
// @ts-ignore: decorator
@inline function DESTINATION_PORT(): Str {
  return str(memory.data<u8>([100,101,115,116,105,110,97,116,105,111,110,0,112,111,114,116]), 16);
}

/** The property connection.uri_san_peer_certificate: the source's principal */
// @ts-ignore: decorator
@inline function PEER_SAN(): Str {
  return str(memory.data<u8>([99,111,110,110,101,99,116,105,111,110,0,117,114,105,95,115,97,110,95,112,101,101,114,95,99,101,114,116,105,102,105,99,97,116,101]), 35);
}

/** The property connection.uri_san_local_certificate: the destination's principal */
// @ts-ignore: decorator
@inline function LOCAL_SAN(): Str {
  return str(memory.data<u8>([99,111,110,110,101,99,116,105,111,110,0,117,114,105,95,115,97,110,95,108,111,99,97,108,95,99,101,114,116,105,102,105,99,97,116,101]), 36);
}

/** The property request.protocol */
// @ts-ignore: decorator
@inline function PROTOCOL(): Str {
  return str(memory.data<u8>([114,101,113,117,101,115,116,0,112,114,111,116,111,99,111,108]), 16);
}
