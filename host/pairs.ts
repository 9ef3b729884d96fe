/**
 * The header-pair wire format shared by header maps, local-response headers and HTTP-call headers:
 * u32 N, N x (u32 key_len, u32 value_len), then N x (key, NUL, value, NUL), all little-endian.
 */

export type HeaderList = Array<[string, string]>;

/** cpp-host limits (limits.h): a buffer over either is treated as malformed. */
export const PAIRS_MAX_COUNT = 1024;
export const PAIRS_MAX_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function encodePairs(pairs: HeaderList): Uint8Array {
  const encoded: Uint8Array[] = [];
  let size = 4;
  for (const [key, value] of pairs) {
    const k = utf8.encode(key);
    const v = utf8.encode(value);
    encoded.push(k, v);
    size += 8 + k.length + 1 + v.length + 1;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length, true);
  let pos = 4;
  for (let i = 0; i < encoded.length; i += 2) {
    view.setUint32(pos, encoded[i]!.length, true);
    view.setUint32(pos + 4, encoded[i + 1]!.length, true);
    pos += 8;
  }
  for (const bytes of encoded) {
    out.set(bytes, pos);
    pos += bytes.length + 1; // the NUL is already there: the array starts zeroed
  }
  return out;
}

/**
 * Parses pairs like cpp-host's PairsUtil::toPairs: any malformation (short buffer, missing NUL, trailing bytes,
 * more than 1024 pairs, more than 1 MiB) yields an EMPTY list, silently. Callers rely on that: Envoy's
 * set_header_map_pairs then wipes the map and send_local_response adds no headers.
 */
export function decodePairs(bytes: Uint8Array): HeaderList {
  const end = bytes.length;
  if (end > PAIRS_MAX_BYTES || end < 4) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  if (count > PAIRS_MAX_COUNT) return [];
  let pos = 4;
  if (pos + count * 8 > end) return [];
  const sizes = new Array<number>(count * 2);
  for (let i = 0; i < count * 2; i++) {
    sizes[i] = view.getUint32(pos, true);
    pos += 4;
  }
  const pairs: HeaderList = new Array(count);
  for (let i = 0; i < count; i++) {
    const keyLength = sizes[2 * i]!;
    if (pos + keyLength + 1 > end) return [];
    const key = utf8Decoder.decode(bytes.subarray(pos, pos + keyLength));
    pos += keyLength;
    if (bytes[pos++] !== 0) return [];
    const valueLength = sizes[2 * i + 1]!;
    if (pos + valueLength + 1 > end) return [];
    const value = utf8Decoder.decode(bytes.subarray(pos, pos + valueLength));
    pos += valueLength;
    if (bytes[pos++] !== 0) return [];
    pairs[i] = [key, value];
  }
  return pos === end ? pairs : [];
}
