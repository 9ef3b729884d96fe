// Global rate limits: `limit N per UNIT [by EXPR] via "CLUSTER" [timeout D] [on failure allow|deny]` (docs/language.md,
// "Global rate limits"). The rate limit service on CLUSTER decides, as for Envoy's ratelimit filter
// (source/extensions/filters/http/ratelimit/ratelimit.cc): the request headers callback calls
// envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit (callout.ts) and pauses; the answer, OK or
// OVER_LIMIT, comes back to the generated proxy_on_grpc_receive, which reads it here.
import { proxy_get_buffer_bytes, proxy_increment_metric, BUFFER_GRPC_RECEIVE, MAP_REQUEST_HEADERS, LOG_INFO } from "./abi";
import { calloutGrpc } from "./callout";
import { setHeaderChecked } from "./headers";
import { logParts } from "./log";
import { grpcServiceOf, headerKeyOf, headerValueOf, rateLimitCode, rateLimitDecode, rateLimitHeaderList, rateLimitHeaderAt, rateLimitRequest, RATE_LIMIT_OVER } from "./ratelimit-messages";
import { ABSENT, EMPTY, HOST_RETURN, Str, hostValue, str, strLen } from "./str";

/** What a global limit's call turned into: the stream waits for the answer, or no call was made. */
let refused = false;

/**
 * Asks the service about one request of rule `rule`, with `by`'s value when the limit has one (`keyed`). True when
 * the call is made (the rule then pauses the stream). A keyed limit whose value is absent or empty sends nothing
 * and admits the request, as Envoy's rate limit actions build no descriptor for a missing header; a call the
 * proxy refuses (an unknown cluster) is a failure (rateLimitRefused).
 */
export function rateLimitCall(cluster: Str, domain: Str, rule: Str, by: Str, keyed: bool, timeoutMs: u32, ctx: u32, site: u32): bool {
  refused = false;
  if (keyed && strLen(by) == 0) return false;
  const message = rateLimitRequestOf(domain, rule, keyed ? by : ABSENT);
  if (calloutGrpc(grpcServiceOf(cluster), SERVICE(), METHOD(), message, timeoutMs, ctx, site)) return true;
  refused = true;
  return false;
}

function rateLimitRequestOf(domain: Str, rule: Str, by: Str): Str {
  return rateLimitRequest(domain, RULE_KEY(), rule, BY_KEY(), by);
}

/** The last rateLimitCall could not be made: the failure choice of the limit applies at once. */
export function rateLimitRefused(): bool {
  return refused;
}

export const ANSWER_FAILED: u32 = 0;
export const ANSWER_OK: u32 = 1;
export const ANSWER_OVER: u32 = 2;

/** Reads and decodes the service's answer: ANSWER_OK (OK or UNKNOWN, as Envoy's client takes it), ANSWER_OVER or ANSWER_FAILED. */
export function rateLimitAnswer(size: u32): u32 {
  const message = hostValue(proxy_get_buffer_bytes(BUFFER_GRPC_RECEIVE, 0, size, HOST_RETURN, HOST_RETURN + 4));
  if (message == ABSENT || !rateLimitDecode(message == EMPTY ? str(HOST_RETURN, 0) : message)) return ANSWER_FAILED;
  return rateLimitCode() == RATE_LIMIT_OVER ? ANSWER_OVER : ANSWER_OK;
}

/** The answer's response_headers_to_add, for the 429 (pairs format). */
export function rateLimitReplyHeaders(): Str {
  return rateLimitHeaderList(3);
}

/** Sets the answer's request_headers_to_add on the request, replacing values (Envoy's ratelimit filter uses setCopy). */
export function rateLimitSetRequestHeaders(): void {
  for (let i: i32 = 0; rateLimitHeaderAt(4, i); i++) setHeaderChecked(MAP_REQUEST_HEADERS, headerKeyOf(), headerValueOf());
}

/** A shadow rule's refusal: `shadow rule "NAME": would limit ...` at info level, and its counter. */
export function rateLimitWouldLimit(prefix: Str, metric: u32): void {
  logParts(LOG_INFO, prefix, WOULD_LIMIT(), EMPTY);
  proxy_increment_metric(metric, 1);
}

/** "envoy.service.ratelimit.v3.RateLimitService" */
// @ts-ignore: decorator
@inline function SERVICE(): Str {
  return str(memory.data<u8>([101,110,118,111,121,46,115,101,114,118,105,99,101,46,114,97,116,101,108,105,109,105,116,46,118,51,46,82,97,116,101,76,105,109,105,116,83,101,114,118,105,99,101]), 43);
}

/** "ShouldRateLimit" */
// @ts-ignore: decorator
@inline function METHOD(): Str {
  return str(memory.data<u8>([83,104,111,117,108,100,82,97,116,101,76,105,109,105,116]), 15);
}

/** "rule": the descriptor entry of the rule's name */
// @ts-ignore: decorator
@inline function RULE_KEY(): Str {
  return str(memory.data<u8>([114,117,108,101]), 4);
}

/** "by": the descriptor entry of the `by` value */
// @ts-ignore: decorator
@inline function BY_KEY(): Str {
  return str(memory.data<u8>([98,121]), 2);
}

/** " would limit (the rate limit service answered OVER_LIMIT)": the end of a shadow rule's line */
// @ts-ignore: decorator
@inline function WOULD_LIMIT(): Str {
  return str(memory.data<u8>([32,119,111,117,108,100,32,108,105,109,105,116,32,40,116,104,101,32,114,97,116,101,32,108,105,109,105,116,32,115,101,114,118,105,99,101,32,97,110,115,119,101,114,101,100,32,79,86,69,82,95,76,73,77,73,84,41]), 57);
}
