// External authorization: `authorize with "CLUSTER" ...` (docs/language.md, "External authorization"). The request
// headers callback asks the authorization service and pauses (callout.ts); the answer comes back to the generated
// proxy_on_http_call_response (HTTP mode) or proxy_on_grpc_receive / proxy_on_grpc_close (gRPC mode), which reads it
// here. What the answers mean follows Envoy's ext_authz filter (source/extensions/filters/http/ext_authz/
// ext_authz.cc, and source/extensions/filters/common/ext_authz/ext_authz_http_impl.cc for HTTP mode): an allowed
// request goes on with the headers the service adds, a denied one is answered with the service's status, headers
// and body, and a failure (an error, a 5xx, a timeout) follows the rule's failure choice.
import { proxy_get_buffer_bytes, proxy_increment_metric, BUFFER_HTTP_CALL_RESPONSE_BODY, MAP_HTTP_CALL_RESPONSE_HEADERS, MAP_REQUEST_HEADERS, LOG_INFO } from "./abi";
import { calloutHttp } from "./callout";
import { getHeader, setHeaderChecked } from "./headers";
import { pairsAdd, pairsBegin, pairsFinish } from "./local-response";
import { logParts } from "./log";
import { ABSENT, EMPTY, HOST_RETURN, Str, hostValue, parseInt, str, strLen, strPtr } from "./str";

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
  let count: usize = 3;
  let text: usize = 7 + strLen(method) + 5 + strLen(target) + 10 + strLen(authority);
  for (let at: usize = 0; at < strLen(send); ) {
    const name = nameAt(send, at);
    at = namesAt;
    const value = getHeader(MAP_REQUEST_HEADERS, name);
    if (value == ABSENT) continue;
    count++;
    text += strLen(name) + strLen(value);
  }
  pairsBegin(count, text);
  pairsAdd(METHOD_KEY(), method);
  // An empty path would have the proxy refuse the call: "/" is the root it means.
  pairsAdd(PATH_KEY(), strLen(target) == 0 ? SLASH() : target);
  pairsAdd(AUTHORITY_KEY(), authority);
  for (let at: usize = 0; at < strLen(send); ) {
    const name = nameAt(send, at);
    at = namesAt;
    const value = getHeader(MAP_REQUEST_HEADERS, name);
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

/** Records a denial decoded from a gRPC answer (authz-messages.ts) for the reply. */
export function authzDenied(status: u32, body: Str, headers: Str): void {
  deniedStatus = status;
  deniedBody = body;
  deniedHeaders = headers;
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
