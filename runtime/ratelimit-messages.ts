// The messages of Envoy's rate limit service (envoy.service.ratelimit.v3, envoy/service/ratelimit/v3/rls.proto),
// laid out over the wire codec of protobuf.ts: the RateLimitRequest a global limit sends, and the parts of the
// RateLimitResponse it acts on. Field numbers:
//   RateLimitRequest      domain 1 (string), descriptors 2 (RateLimitDescriptor), hits_addend 3 (uint32)
//   RateLimitDescriptor   entries 1 (Entry)            (envoy/extensions/common/ratelimit/v3/ratelimit.proto)
//   Entry                 key 1, value 2 (strings)
//   RateLimitResponse     overall_code 1 (enum: UNKNOWN 0, OK 1, OVER_LIMIT 2), response_headers_to_add 3,
//                         request_headers_to_add 4 (HeaderValue)
//   HeaderValue           key 1, value 2, raw_value 3  (envoy/config/core/v3/base.proto)
// The GrpcService that names the cluster (envoy/config/core/v3/grpc_service.proto): envoy_grpc 1 { cluster_name 1 }.
import { arenaAlloc } from "./memory";
import { pbLenFieldSize, pbNext, pbPutLenHeader, pbPutString, pbPutVarintField, pbVarintFieldSize, pbField, pbWire, pbInt, pbBytes, WIRE_LEN, WIRE_VARINT } from "./protobuf";
import { pairsBegin, pairsAdd, pairsFinish } from "./local-response";
import { Str, str, strLen, strPtr, ABSENT } from "./str";

export const RATE_LIMIT_OK: u32 = 1;
export const RATE_LIMIT_OVER: u32 = 2;

/** A serialized GrpcService{envoy_grpc{cluster_name}}: the target proxy_grpc_call takes (Envoy's Context::grpcCall). */
export function grpcServiceOf(cluster: Str): Str {
  const inner = pbLenFieldSize(1, strLen(cluster));
  const size = pbLenFieldSize(1, inner);
  const at = arenaAlloc(size);
  pbPutString(pbPutLenHeader(at, 1, inner), 1, cluster);
  return str(at, size);
}

function entrySize(key: Str, value: Str): usize {
  return pbLenFieldSize(1, strLen(key)) + pbLenFieldSize(2, strLen(value));
}

function putEntry(at: usize, key: Str, value: Str): usize {
  at = pbPutLenHeader(at, 1, entrySize(key, value));
  return pbPutString(pbPutString(at, 1, key), 2, value);
}

/**
 * RateLimitRequest{domain, descriptors: [{entries: [{rule: RULE}, {by: VALUE}]}], hits_addend: 1}, in the arena;
 * without `by` (ABSENT) the descriptor has the rule's entry only.
 */
export function rateLimitRequest(domain: Str, ruleKey: Str, rule: Str, byKey: Str, by: Str): Str {
  const first = entrySize(ruleKey, rule);
  const second = by == ABSENT ? 0 : entrySize(byKey, by);
  const descriptor = pbLenFieldSize(1, first) + (by == ABSENT ? 0 : pbLenFieldSize(1, second));
  const size = pbLenFieldSize(1, strLen(domain)) + pbLenFieldSize(2, descriptor) + pbVarintFieldSize(3, 1);
  const start = arenaAlloc(size);
  let at = pbPutString(start, 1, domain);
  at = pbPutLenHeader(at, 2, descriptor);
  at = putEntry(at, ruleKey, rule);
  if (by != ABSENT) at = putEntry(at, byKey, by);
  pbPutVarintField(at, 3, 1);
  return str(start, size);
}

// What rateLimitDecode found: the overall code, and where the response's message lies (its header lists are read
// from it when needed).
let decodedCode: u32 = 0;
let decodedMessage: Str = 0;

/** Decodes a RateLimitResponse; false when it is not well-formed protobuf (Envoy's gRPC client fails the call then). */
export function rateLimitDecode(message: Str): bool {
  decodedCode = 0;
  decodedMessage = message;
  let at = strPtr(message);
  const end = at + strLen(message);
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return false;
    if (pbField == 1 && pbWire == WIRE_VARINT) decodedCode = <u32>pbInt;
    else if ((pbField == 3 || pbField == 4) && (pbWire != WIRE_LEN || !decodeHeaderValue(pbBytes))) return false;
  }
  return true;
}

/** OK, OVER_LIMIT, or UNKNOWN (0), which Envoy's rate limit client takes as OK. */
export function rateLimitCode(): u32 {
  return decodedCode;
}

// The key and value of the HeaderValue headerValue read last (raw_value wins over value, as Envoy reads it).
let headerKey: Str = 0;
let headerText: Str = 0;

/** Reads a HeaderValue: its key and value are then headerKeyOf() and headerValueOf(). */
export function decodeHeaderValue(message: Str): bool {
  headerKey = str(strPtr(message), 0);
  headerText = headerKey;
  let at = strPtr(message);
  const end = at + strLen(message);
  let raw = false;
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return false;
    if (pbWire != WIRE_LEN) continue;
    if (pbField == 1) headerKey = pbBytes;
    else if (pbField == 3) {
      headerText = pbBytes;
      raw = true;
    } else if (pbField == 2 && !raw) headerText = pbBytes;
  }
  return true;
}

/**
 * Finds header `index` of list `field` (3: response_headers_to_add, 4: request_headers_to_add) of the decoded
 * answer: its key and value are then headerKeyOf() and headerValueOf(). False past the end. A header without a name
 * is no header (Envoy rejects it when it builds the map) and is not counted.
 */
export function rateLimitHeaderAt(field: u32, index: i32): bool {
  let at = strPtr(decodedMessage);
  const end = at + strLen(decodedMessage);
  let seen: i32 = 0;
  while (at < end) {
    at = pbNext(at, end);
    if (pbField != field || pbWire != WIRE_LEN) continue;
    const next = strPtr(pbBytes) + strLen(pbBytes);
    decodeHeaderValue(pbBytes);
    at = next;
    if (strLen(headerKey) == 0) continue;
    if (seen++ == index) return true;
  }
  return false;
}

export function headerKeyOf(): Str {
  return headerKey;
}

export function headerValueOf(): Str {
  return headerText;
}

/** The headers of list `field` in the pairs format, in the arena. */
export function rateLimitHeaderList(field: u32): Str {
  let count: i32 = 0;
  let text: usize = 0;
  for (; rateLimitHeaderAt(field, count); count++) text += strLen(headerKey) + strLen(headerText);
  pairsBegin(<usize>count, text);
  for (let i: i32 = 0; i < count; i++) {
    rateLimitHeaderAt(field, i);
    pairsAdd(headerKey, headerText);
  }
  return pairsFinish();
}
