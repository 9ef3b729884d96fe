// Local responses (deny, respond, redirect). The host sends the reply when the callback returns; the generated
// callback then returns Pause and marks the stream so its response rules do not run on the reply.
import { proxy_send_local_response } from "./abi";
import { arenaAlloc } from "./memory";
import { checkValue } from "./headers";
import { Str, strLen, strPtr, put, isSafeHeaderValue, str } from "./str";

let pairsBase: usize = 0;
let pairsCount: usize = 0;
let pairsCapacity: usize = 0;
let pairsWrite: usize = 0;

/**
 * Starts a header list in the proxy-wasm pairs format with room for `capacity` entries whose keys and values
 * (evaluated beforehand) add up to `textSize` bytes.
 */
export function pairsBegin(capacity: usize, textSize: usize): void {
  pairsCapacity = capacity;
  pairsCount = 0;
  pairsBase = arenaAlloc(4 + capacity * 8 + textSize + capacity * 2);
  pairsWrite = pairsBase + 4 + capacity * 8;
}

/** Adds one header; a value with CR, LF or NUL is left out and false returned (the caller logs it). */
export function pairsAdd(key: Str, value: Str): bool {
  if (!isSafeHeaderValue(value) || pairsCount >= pairsCapacity) return false;
  const entry = pairsBase + 4 + pairsCount * 8;
  store<u32>(entry, <u32>strLen(key));
  store<u32>(entry + 4, <u32>strLen(value));
  let w = put(pairsWrite, key);
  store<u8>(w++, 0);
  w = put(w, value);
  store<u8>(w++, 0);
  pairsWrite = w;
  pairsCount++;
  return true;
}

/** The finished list; entries left out shrink the size table, so the text moves up behind it. */
export function pairsFinish(): Str {
  const textStart = pairsBase + 4 + pairsCapacity * 8;
  const textSize = pairsWrite - textStart;
  const table = pairsBase + 4 + pairsCount * 8;
  if (table != textStart) memory.copy(table, textStart, textSize);
  store<u32>(pairsBase, <u32>pairsCount);
  return str(pairsBase, table + textSize - pairsBase);
}

/**
 * A local response with one header whose value is computed (a redirect's location), its list built here. A value
 * with CR, LF or NUL is never sent: nothing is sent, a warning is logged, and false returned (the rule ends there
 * and the next rule runs).
 */
export function sendLocalResponseWith(status: u32, body: Str, details: Str, key: Str, value: Str): bool {
  if (!checkValue(key, value)) return false;
  const keyLen = strLen(key);
  const valueLen = strLen(value);
  const size = 14 + keyLen + valueLen;
  const list = arenaAlloc(size);
  store<u32>(list, 1);
  store<u32>(list, <u32>keyLen, 4);
  store<u32>(list, <u32>valueLen, 8);
  const at = put(list + 12, key);
  store<u8>(at, 0);
  store<u8>(put(at + 1, value), 0);
  sendLocalResponse(status, body, details, str(list, size));
  return true;
}

export function sendLocalResponse(status: u32, body: Str, details: Str, headers: Str): void {
  proxy_send_local_response(
    status, strPtr(details), strLen(details), strPtr(body), strLen(body), strPtr(headers), strLen(headers), -1,
  );
}

/** No header list: no bytes at address 0, as Envoy's own callers pass it. */
// @ts-ignore: decorator
@inline export const NO_HEADERS: Str = 0;
