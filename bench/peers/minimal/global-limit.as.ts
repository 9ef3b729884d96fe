// bench/limits.ts's global limit by hand: `rule "tenant-quota" limit 1000 per minute by request.header["x-tenant"]
// via "ratelimit"` (timeout 20 ms, failure allows), with the host calls filterc's build makes: the tenant header,
// proxy_grpc_call of RateLimitService/ShouldRateLimit with RateLimitRequest{domain "limits", descriptors [{rule,
// tenant-quota}, {by, TENANT}], hits_addend 1}, and on the answer the stream made current again, the answer read,
// and either the request continued (request_headers_to_add set first) or a 429 with response_headers_to_add.
// The protobuf is written and read here by hand, as filterc's runtime does.
import {
  BUFFER_GRPC_RECEIVE, CONTINUE, MAP_REQUEST_HEADERS, METRIC_COUNTER, STATUS_OK, STOP_ALL_ITERATION_AND_WATERMARK, STREAM_REQUEST,
  proxy_continue_stream, proxy_get_buffer_bytes, proxy_grpc_call, proxy_increment_metric, proxy_send_local_response,
} from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put } from "./bytes.as";
import { calloutForget, calloutRemember, calloutResume, calloutsFull } from "./callouts.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { defineMetric } from "./metric.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const TENANT: Bytes = lit("x-tenant");
/** GrpcService{envoy_grpc{cluster_name: "ratelimit"}} */
const TARGET: Bytes = lit("\n\u000b\n\tratelimit");
const SERVICE: Bytes = lit("envoy.service.ratelimit.v3.RateLimitService");
const METHOD: Bytes = lit("ShouldRateLimit");
const DOMAIN: Bytes = lit("limits");
const RULE_KEY: Bytes = lit("rule");
const RULE: Bytes = lit("tenant-quota");
const BY_KEY: Bytes = lit("by");
const DETAILS: Bytes = lit("filterc_tenant-quota");
const LIMITED: Bytes = lit("rule=.=tenant-quota;.;filterc.limits.rate_limited");
const TIMEOUT_MS: u32 = 20;
const OVER_LIMIT: u64 = 2;

const out = memory.data(8);
let limited: u32 = 0;

export function proxy_on_configure(root: u32, configurationSize: u32): u32 {
  limited = defineMetric(METRIC_COUNTER, LIMITED);
  return 1;
}

function varintSize(n: usize): usize {
  let size: usize = 1;
  for (; n >= 0x80; n >>= 7) size++;
  return size;
}

function putVarint(w: usize, n: usize): usize {
  for (; n >= 0x80; n >>= 7) store<u8>(w++, <u8>(n | 0x80));
  store<u8>(w++, <u8>n);
  return w;
}

/** Field `field` of wire type LEN holding `size` bytes: its tag and length. */
function putLen(w: usize, field: u32, size: usize): usize {
  store<u8>(w, <u8>((field << 3) | 2));
  return putVarint(w + 1, size);
}

const lenSize = (size: usize): usize => 1 + varintSize(size) + size;

function putString(w: usize, field: u32, s: Bytes): usize {
  return put(putLen(w, field, lenOf(s)), s);
}

function entrySize(key: Bytes, value: Bytes): usize {
  return lenSize(lenOf(key)) + lenSize(lenOf(value));
}

function putEntry(w: usize, key: Bytes, value: Bytes): usize {
  return putString(putString(putLen(w, 1, entrySize(key, value)), 1, key), 2, value);
}

function request(tenant: Bytes): Bytes {
  const descriptor = lenSize(entrySize(RULE_KEY, RULE)) + lenSize(entrySize(BY_KEY, tenant));
  const size = lenSize(lenOf(DOMAIN)) + lenSize(descriptor) + 2;
  const message = arenaAlloc(size);
  let w = putString(message, 1, DOMAIN);
  w = putEntry(putEntry(putLen(w, 2, descriptor), RULE_KEY, RULE), BY_KEY, tenant);
  store<u8>(w, 3 << 3);
  store<u8>(w + 1, 1);
  return bytes(message, size);
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const tenant = getHeader(MAP_REQUEST_HEADERS, TENANT);
  // No tenant, no descriptor: nothing to ask, as Envoy's rate limit actions do. A full table admits too.
  if (tenant == ABSENT || lenOf(tenant) == 0 || calloutsFull()) {
    resetArena();
    return CONTINUE;
  }
  const message = request(tenant);
  const status = proxy_grpc_call(
    ptrOf(TARGET), lenOf(TARGET), ptrOf(SERVICE), lenOf(SERVICE), ptrOf(METHOD), lenOf(METHOD), 0, 0, ptrOf(message), lenOf(message), TIMEOUT_MS, out,
  );
  resetArena();
  // A call the proxy refuses is a failure, and failures allow.
  if (status != STATUS_OK) return CONTINUE;
  calloutRemember(load<u32>(out), ctx);
  return STOP_ALL_ITERATION_AND_WATERMARK;
}

// One protobuf field read by next(): its number, wire type, and value (an integer, or bytes).
let field: u32 = 0;
let wire: u32 = 0;
let integer: u64 = 0;
let value: Bytes = 0;

function varint(at: usize, end: usize): usize {
  integer = 0;
  for (let shift: u64 = 0; at < end && shift < 64; shift += 7) {
    const b = load<u8>(at++);
    integer |= <u64>(b & 0x7f) << shift;
    if (b < 0x80) return at;
  }
  return 0;
}

/** Reads the field at `at`; the position after it, or 0 when the message is broken. */
function next(at: usize, end: usize): usize {
  at = varint(at, end);
  if (at == 0) return 0;
  field = <u32>(integer >> 3);
  wire = <u32>(integer & 7);
  if (wire == 0) return varint(at, end);
  if (wire == 1 || wire == 5) return at + (wire == 1 ? 8 : 4) <= end ? at + (wire == 1 ? 8 : 4) : 0;
  if (wire != 2) return 0;
  at = varint(at, end);
  if (at == 0 || at + <usize>integer > end) return 0;
  value = bytes(at, <usize>integer);
  return at + <usize>integer;
}

/** The HeaderValue's key and value (raw_value wins over value), as a pair. */
let headerKey: Bytes = 0;
let headerText: Bytes = 0;
function headerValue(message: Bytes): bool {
  headerKey = 0;
  headerText = 0;
  let raw = false;
  const end = ptrOf(message) + lenOf(message);
  for (let at = ptrOf(message); at < end; ) {
    at = next(at, end);
    if (at == 0) return false;
    if (wire != 2) continue;
    if (field == 1) headerKey = value;
    else if (field == 3) { headerText = value; raw = true; }
    else if (field == 2 && !raw) headerText = value;
  }
  return true;
}

/** The headers of list `list` (3: response_headers_to_add, 4: request_headers_to_add) in the pairs format. */
function headerList(message: Bytes, list: u32): Bytes {
  const end = ptrOf(message) + lenOf(message);
  let count: u32 = 0;
  let text: usize = 0;
  for (let at = ptrOf(message); at < end; ) {
    at = next(at, end);
    if (field == list && wire == 2 && headerValue(value)) { count++; text += lenOf(headerKey) + lenOf(headerText) + 2; }
  }
  const size = 4 + <usize>count * 8 + text;
  const pairs = arenaAlloc(size);
  store<u32>(pairs, count);
  let sizes = pairs + 4;
  let w = sizes + <usize>count * 8;
  for (let at = ptrOf(message); at < end; ) {
    at = next(at, end);
    if (field != list || wire != 2 || !headerValue(value)) continue;
    store<u32>(sizes, <u32>lenOf(headerKey));
    store<u32>(sizes + 4, <u32>lenOf(headerText));
    sizes += 8;
    w = put(w, headerKey);
    store<u8>(w++, 0);
    w = put(w, headerText);
    store<u8>(w++, 0);
  }
  return bytes(pairs, size);
}

export function proxy_on_grpc_receive(root: u32, token: u32, size: u32): void {
  if (!calloutResume(token)) return;
  let message: Bytes = 0;
  if (proxy_get_buffer_bytes(BUFFER_GRPC_RECEIVE, 0, size, out, out + 4) == STATUS_OK) message = bytes(<usize>load<u32>(out), <usize>load<u32>(out + 4));
  let code: u64 = 0;
  let broken = false;
  const end = ptrOf(message) + lenOf(message);
  for (let at = ptrOf(message); at < end; ) {
    at = next(at, end);
    if (at == 0) { broken = true; break; }
    if (field == 1 && wire == 0) code = integer;
    else if ((field == 3 || field == 4) && (wire != 2 || !headerValue(value))) { broken = true; break; }
  }
  if (!broken && code == OVER_LIMIT) {
    proxy_increment_metric(limited, 1);
    const list = headerList(message, 3);
    proxy_send_local_response(429, ptrOf(DETAILS), lenOf(DETAILS), 0, 0, ptrOf(list), lenOf(list), -1);
    resetArena();
    return;
  }
  if (!broken) {
    for (let at = ptrOf(message); at < end; ) {
      at = next(at, end);
      if (field == 4 && wire == 2 && headerValue(value)) replaceHeader(MAP_REQUEST_HEADERS, headerKey, headerText);
    }
  }
  proxy_continue_stream(STREAM_REQUEST);
  resetArena();
}

/** A failed call (an error status, or the timeout): failure allows, so the request goes on. */
export function proxy_on_grpc_close(root: u32, token: u32, status: u32): void {
  if (!calloutResume(token)) return;
  proxy_continue_stream(STREAM_REQUEST);
  resetArena();
}

/** A stream that ends while its call is in flight forgets it, so the answer finds nothing. */
export function proxy_on_delete(ctx: u32): void {
  calloutForget(ctx, true);
}
