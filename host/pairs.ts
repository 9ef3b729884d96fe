/**
 * The header-pair wire format shared by header maps, local-response headers and HTTP-call headers:
 * u32 N, N x (u32 key_len, u32 value_len), then N x (key, NUL, value, NUL), all little-endian.
 * Encoding writes straight into the target bytes (a guest's memory or a fresh array): Node's TextEncoder.encode
 * costs about 0.5 µs a string, so encoding a six-header map through it cost over 10 µs.
 */

import { decodeBytes, utf8, utf8Length } from "./utf8.js";

export type HeaderList = Array<[string, string]>;

/** cpp-host limits (limits.h): a buffer over either is treated as malformed. */
export const PAIRS_MAX_COUNT = 1024;
export const PAIRS_MAX_BYTES = 1024 * 1024;


/** Reads `length` bytes at `at` of the pairs being decoded as a string. */
export type TextReader = (at: number, length: number) => string;

export function encodePairs(pairs: HeaderList): Uint8Array {
  const out = new Uint8Array(pairsByteLength(pairs));
  writePairs(out, 0, pairs);
  return out;
}

/** The encoded size of pairs. */
export function pairsByteLength(pairs: HeaderList): number {
  let size = 4;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    size += 10 + utf8Length(pair[0]) + utf8Length(pair[1]);
  }
  return size;
}

/** Encodes pairs at `at`; the pairsByteLength(pairs) bytes from there must be in `out`. */
export function writePairs(out: Uint8Array, at: number, pairs: HeaderList): void {
  setU32(out, at, pairs.length);
  let sizes = at + 4;
  let pos = sizes + 8 * pairs.length;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const keyLength = writeText(out, pos, pair[0]);
    pos += keyLength;
    out[pos++] = 0;
    const valueLength = writeText(out, pos, pair[1]);
    pos += valueLength;
    out[pos++] = 0;
    setU32(out, sizes, keyLength);
    setU32(out, sizes + 4, valueLength);
    sizes += 8;
  }
}

/** Writes text as UTF-8 at `at`, returning its byte length; ASCII goes byte by byte. */
function writeText(out: Uint8Array, at: number, text: string): number {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) {
      const byteLength = utf8Length(text);
      utf8.encodeInto(text, out.subarray(at, at + byteLength));
      return byteLength;
    }
    out[at + i] = c;
  }
  return length;
}

function setU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value;
  out[at + 1] = value >>> 8;
  out[at + 2] = value >>> 16;
  out[at + 3] = value >>> 24;
}

function getU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/**
 * Parses pairs like cpp-host's PairsUtil::toPairs: any malformation (short buffer, missing NUL, trailing bytes,
 * more than 1024 pairs, more than 1 MiB) yields an EMPTY list, silently. Callers rely on that: Envoy's
 * set_header_map_pairs then wipes the map and send_local_response adds no headers.
 */
export function decodePairs(bytes: Uint8Array): HeaderList {
  return parsePairs(bytes, 0, bytes.length, (at, length) => decodeBytes(bytes.subarray(at, at + length)));
}

/**
 * decodePairs of bytes[start, end), with strings read by `key` and `value` (a guest's memory reads them through
 * its intern table, so repeated headers cost no decoding).
 */
export function parsePairs(bytes: Uint8Array, start: number, end: number, value: TextReader, key: TextReader = value): HeaderList {
  if (end - start > PAIRS_MAX_BYTES || end - start < 4) return [];
  const count = getU32(bytes, start);
  if (count > PAIRS_MAX_COUNT) return [];
  let sizes = start + 4;
  let pos = sizes + count * 8;
  if (pos > end) return [];
  const pairs: HeaderList = new Array(count);
  for (let i = 0; i < count; i++) {
    const keyLength = getU32(bytes, sizes);
    const valueLength = getU32(bytes, sizes + 4);
    sizes += 8;
    if (pos + keyLength + 1 > end) return [];
    const k = key(pos, keyLength);
    pos += keyLength;
    if (bytes[pos++] !== 0) return [];
    if (pos + valueLength + 1 > end) return [];
    const v = value(pos, valueLength);
    pos += valueLength;
    if (bytes[pos++] !== 0) return [];
    pairs[i] = [k, v];
  }
  return pos === end ? pairs : [];
}
