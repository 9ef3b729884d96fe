// The messages of Envoy's external authorization service (envoy.service.auth.v3, envoy/service/auth/v3/
// external_auth.proto and attribute_context.proto), laid out over the wire codec of protobuf.ts: the CheckRequest
// `authorize ... grpc` sends and the parts of the CheckResponse it acts on. Field numbers:
//   CheckRequest        attributes 1 (AttributeContext)
//   AttributeContext    source 1, destination 2 (Peer), request 4 (Request)
//   Peer                address 1 (config.core.v3.Address), principal 4 (string)
//   Address             socket_address 1 (SocketAddress: address 2, port_value 3)   (envoy/config/core/v3/address.proto)
//   Request             http 2 (HttpRequest)
//   HttpRequest         id 1, method 2, headers 3 (map<string, string>: entries key 1, value 2), path 4, host 5,
//                       scheme 6, protocol 10
//   CheckResponse       status 1 (google.rpc.Status: code 1), denied_response 2, ok_response 3
//   DeniedHttpResponse  status 1 (type.v3.HttpStatus: code 1), headers 2 (HeaderValueOption), body 3
//   OkHttpResponse      headers 2 (HeaderValueOption), headers_to_remove 5 (string)
//   HeaderValueOption   header 1 (HeaderValue), append 2 (google.protobuf.BoolValue: value 1)
// Fields are written in field-number order and empty strings left out, as protobuf libraries write them.
import { arenaAlloc } from "./memory";
import { pbLenFieldSize, pbNext, pbPutLenHeader, pbPutString, pbPutVarintField, pbVarintFieldSize, pbField, pbWire, pbInt, pbBytes, WIRE_LEN, WIRE_VARINT } from "./protobuf";
import { decodeHeaderValue, headerKeyOf as decodeHeaderKey, headerValueOf as decodeHeaderText } from "./ratelimit-messages";
import { ABSENT, Str, str, strLen, strPtr } from "./str";

/** A string field's bytes, or nothing for an empty or absent value. */
function stringSize(field: u32, value: Str): usize {
  return strLen(value) == 0 ? 0 : pbLenFieldSize(field, strLen(value));
}

function putString(at: usize, field: u32, value: Str): usize {
  return strLen(value) == 0 ? at : pbPutString(at, field, value);
}

/** A message field's bytes, or nothing for an empty message (a peer the proxy knows nothing of). */
function messageSize(field: u32, payload: usize): usize {
  return payload == 0 ? 0 : pbLenFieldSize(field, payload);
}

/** Peer{address: Address{socket_address{address, port_value}}, principal}: its payload's size. */
function peerSize(address: Str, port: u32, principal: Str): usize {
  const socket = stringSize(2, address) + (port == 0 ? 0 : pbVarintFieldSize(3, port));
  return messageSize(1, messageSize(1, socket)) + stringSize(4, principal);
}

function putPeer(at: usize, field: u32, address: Str, port: u32, principal: Str): usize {
  const payload = peerSize(address, port, principal);
  if (payload == 0) return at;
  at = pbPutLenHeader(at, field, payload);
  const socket = stringSize(2, address) + (port == 0 ? 0 : pbVarintFieldSize(3, port));
  if (socket > 0) {
    at = pbPutLenHeader(pbPutLenHeader(at, 1, pbLenFieldSize(1, socket)), 1, socket);
    at = putString(at, 2, address);
    if (port != 0) at = pbPutVarintField(at, 3, port);
  }
  return putString(at, 4, principal);
}

function entrySize(key: Str, value: Str): usize {
  return pbLenFieldSize(1, strLen(key)) + pbLenFieldSize(2, strLen(value));
}

/**
 * CheckRequest{attributes{source, destination, request{http{id, method, headers, path, host, scheme, protocol}}}},
 * in the arena. `headers` is a table of `count` (key, value) Str pairs; ports of 0 are left out.
 */
export function checkRequest(
  source: Str, sourcePort: u32, sourcePrincipal: Str, destination: Str, destinationPort: u32, destinationPrincipal: Str,
  id: Str, method: Str, headers: usize, count: u32, path: Str, host: Str, scheme: Str, protocol: Str,
): Str {
  let http = stringSize(1, id) + stringSize(2, method) + stringSize(4, path) + stringSize(5, host) + stringSize(6, scheme) + stringSize(10, protocol);
  for (let i: u32 = 0; i < count; i++) http += pbLenFieldSize(3, entrySize(load<u64>(headers + <usize>i * 16), load<u64>(headers + <usize>i * 16, 8)));
  const request = pbLenFieldSize(2, http);
  const attributes = messageSize(1, peerSize(source, sourcePort, sourcePrincipal)) + messageSize(2, peerSize(destination, destinationPort, destinationPrincipal)) + pbLenFieldSize(4, request);
  const size = pbLenFieldSize(1, attributes);
  const start = arenaAlloc(size);
  let at = pbPutLenHeader(start, 1, attributes);
  at = putPeer(at, 1, source, sourcePort, sourcePrincipal);
  at = putPeer(at, 2, destination, destinationPort, destinationPrincipal);
  at = pbPutLenHeader(pbPutLenHeader(at, 4, request), 2, http);
  at = putString(at, 1, id);
  at = putString(at, 2, method);
  for (let i: u32 = 0; i < count; i++) {
    const key = load<u64>(headers + <usize>i * 16);
    const value = load<u64>(headers + <usize>i * 16, 8);
    at = pbPutLenHeader(at, 3, entrySize(key, value));
    at = pbPutString(pbPutString(at, 1, key), 2, value);
  }
  at = putString(at, 4, path);
  at = putString(at, 5, host);
  at = putString(at, 6, scheme);
  putString(at, 10, protocol);
  return str(start, size);
}

// What checkResponseDecode found: the status code, and the denied or ok response's payload (ABSENT when none).
let statusCode: u64 = 0;
let denied: Str = ABSENT;
let ok: Str = ABSENT;

/** The payload of the varint field 1 of `message` (google.rpc.Status.code, HttpStatus.code); 0 when absent. */
function codeOf(message: Str): u64 {
  let at = strPtr(message);
  const end = at + strLen(message);
  let code: u64 = 0;
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return 0;
    if (pbField == 1 && pbWire == WIRE_VARINT) code = pbInt;
  }
  return code;
}

/** Decodes a CheckResponse; false when it is not well-formed protobuf (Envoy's gRPC client fails the call then). */
export function checkResponseDecode(message: Str): bool {
  statusCode = 0;
  denied = ABSENT;
  ok = ABSENT;
  let at = strPtr(message);
  const end = at + strLen(message);
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return false;
    if (pbWire != WIRE_LEN) continue;
    if (pbField == 1) statusCode = codeOf(pbBytes);
    else if (pbField == 2) denied = pbBytes;
    else if (pbField == 3) ok = pbBytes;
  }
  return true;
}

/** google.rpc.Status.code of the answer: 0 (OK) allows the request. */
export function checkResponseCode(): u64 {
  return statusCode;
}

/** denied_response.status.code, 0 when absent. */
export function deniedStatusCode(): u64 {
  return denied == ABSENT ? 0 : codeOf(fieldOf(denied, 1));
}

/** denied_response.body (ABSENT when absent). */
export function deniedBodyOf(): Str {
  return denied == ABSENT ? ABSENT : fieldOf(denied, 3);
}

/** The last length-delimited field `field` of `message`, or ABSENT. */
function fieldOf(message: Str, field: u32): Str {
  let at = strPtr(message);
  const end = at + strLen(message);
  let found: Str = ABSENT;
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return ABSENT;
    if (pbField == field && pbWire == WIRE_LEN) found = pbBytes;
  }
  return found;
}

// The header optionAt read last: its key, its value, and whether it appends.
let optionKey: Str = 0;
let optionValue: Str = 0;
let optionAppends = false;

/**
 * Finds HeaderValueOption `index` of the denied (`inDenied`) or ok response's `headers`: then optionKeyOf(),
 * optionValueOf() and optionAppendsOf() describe it. False past the end. An option without a header name is skipped.
 */
export function optionAt(inDenied: bool, index: i32): bool {
  const message = inDenied ? denied : ok;
  let at = strPtr(message);
  const end = at + strLen(message);
  let seen: i32 = 0;
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return false;
    if (pbField != 2 || pbWire != WIRE_LEN) continue;
    const next = strPtr(pbBytes) + strLen(pbBytes);
    readOption(pbBytes);
    at = next;
    if (strLen(optionKey) == 0) continue;
    if (seen++ == index) return true;
  }
  return false;
}

function readOption(option: Str): void {
  optionKey = 0;
  optionValue = 0;
  optionAppends = false;
  const header = fieldOf(option, 1);
  const append = fieldOf(option, 2);
  if (header != ABSENT && decodeHeaderValue(header)) {
    optionKey = decodeHeaderKey();
    optionValue = decodeHeaderText();
  }
  optionAppends = append != ABSENT && codeOf(append) != 0;
}

export function optionKeyOf(): Str {
  return optionKey;
}

export function optionValueOf(): Str {
  return optionValue;
}

export function optionAppendsOf(): bool {
  return optionAppends;
}

/** ok_response.headers_to_remove `index`, or ABSENT past the end. */
export function removalAt(index: i32): Str {
  let at = strPtr(ok);
  const end = at + strLen(ok);
  let seen: i32 = 0;
  while (at < end) {
    at = pbNext(at, end);
    if (at == 0) return ABSENT;
    if (pbField == 5 && pbWire == WIRE_LEN && seen++ == index) return pbBytes;
  }
  return ABSENT;
}
