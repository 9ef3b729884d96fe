// String functions that make new text: `replace`, `url_encode`, `url_decode`. The text is built in the
// callback's arena (runtime/memory.ts), which resetArena() empties when the callback returns, so nothing outlives
// the request and memory is bounded by the largest value. When the result equals the subject (nothing to replace,
// encode or decode) the subject itself is returned, with no copy. ABSENT in any argument gives ABSENT.
import { arenaAlloc } from "./memory";
import { isUnreserved, putEncoded } from "./query";
import { ABSENT, Str, str, strLen, strPtr, put, hexDigit } from "./str";
import { strIndexOf } from "./string-views";

/**
 * The longest text `replace` makes out of a shorter one: 1 MiB, the most the proxy-wasm C++ host takes in one set
 * of header pairs (proxy-wasm-cpp-host, limits.h). Without it, a `to` read from the request, put in for every byte
 * of another value, would need memory quadratic in the request (two 1 MB headers would ask for a terabyte).
 */
export const REPLACE_MAX: u64 = 1 << 20;

/**
 * `replace(s, from, to)`: every `from`, left to right, not overlapping, becomes `to`; ABSENT when that would make
 * the text longer than REPLACE_MAX.
 */
export function strReplace(s: Str, from: Str, to: Str): Str {
  if (s == ABSENT || from == ABSENT || to == ABSENT) return ABSENT;
  const n = strLen(from);
  const len = strLen(s);
  let at = strIndexOf(s, from, 0);
  if (at < 0) return s;
  // A `to` no longer than `from` never makes the text longer: one pass into room for `s`. A longer one takes a
  // counting pass first, so the arena holds the result's size and not a worst case.
  let room = len;
  if (strLen(to) > n) {
    let count: usize = 0;
    for (let next = at; next >= 0; next = strIndexOf(s, from, <usize>next + n)) count++;
    // In 64 bits: count * length can pass 4 GiB.
    const grown = <u64>len + <u64>count * <u64>(strLen(to) - n);
    if (grown > REPLACE_MAX) return ABSENT;
    room = <usize>grown;
  }
  const dst = arenaAlloc(room);
  const p = strPtr(s);
  let w = dst;
  let done: usize = 0;
  while (at >= 0) {
    w = put(put(w, str(p + done, <usize>at - done)), to);
    done = <usize>at + n;
    at = strIndexOf(s, from, done);
  }
  w = put(w, str(p + done, len - done));
  return str(dst, w - dst);
}

/** `url_encode(s)`: RFC 3986 percent-encoding, written by the encoder `set query` uses (runtime/query.ts). */
export function strUrlEncode(s: Str): Str {
  if (s == ABSENT) return ABSENT;
  const p = strPtr(s);
  const n = strLen(s);
  let i: usize = 0;
  while (i < n && isUnreserved(<u32>load<u8>(p + i))) i++;
  if (i == n) return s;
  // The bytes before the first escape as they are, then at most 3 bytes for each byte left.
  const dst = arenaAlloc(i + 3 * (n - i));
  memory.copy(dst, p, i);
  return str(dst, putEncoded(dst + i, str(p + i, n - i)) - dst);
}

/**
 * `url_decode(s)`: each `%XX` (hex digits in either case) becomes its byte; `+` stays `+` (it means a space only in
 * form-encoded queries, which `request.query` decodes itself); a `%` not followed by two hex digits makes the
 * result ABSENT. Not runtime/url.ts's decoder, which reads `+` as a space and keeps malformed escapes.
 */
export function strUrlDecode(s: Str): Str {
  if (s == ABSENT) return ABSENT;
  const p = strPtr(s);
  const n = strLen(s);
  let i: usize = 0;
  while (i < n && load<u8>(p + i) != 37) i++;
  if (i == n) return s;
  // Decoding only shrinks the text.
  const dst = arenaAlloc(n);
  memory.copy(dst, p, i);
  let w = dst + i;
  while (i < n) {
    const c = load<u8>(p + i);
    if (c != 37) {
      store<u8>(w++, c);
      i++;
      continue;
    }
    if (i + 2 >= n) return ABSENT;
    const hi = hexDigit(load<u8>(p + i + 1));
    const lo = hexDigit(load<u8>(p + i + 2));
    if ((hi | lo) > 15) return ABSENT;
    store<u8>(w++, <u8>((hi << 4) | lo));
    i += 3;
  }
  return str(dst, w - dst);
}
