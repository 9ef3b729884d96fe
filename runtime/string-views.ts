// String functions whose result is a part of their subject: `size`, `trim_prefix`, `trim_suffix`, `substring`,
// `split_first`, `split_last`. Each returns a view (the subject's pointer moved, its length shortened) and never
// copies or allocates: the view lives as long as the subject (static data, the callback's arena or a captured
// block). ABSENT in any argument gives ABSENT (ABSENT_INT for `size`), as docs/language.md, "Functions", says.
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr, bytesEqual } from "./str";

/** `size(s)`: the length in bytes. */
// @ts-ignore: decorator
@inline export function strSize(s: Str): i64 {
  return s == ABSENT ? ABSENT_INT : <i64>strLen(s);
}

/** `trim_prefix(s, p)`: `s` without `p` at its start, or `s` when it does not start with `p`. */
export function strTrimPrefix(s: Str, prefix: Str): Str {
  if (s == ABSENT || prefix == ABSENT) return ABSENT;
  const n = strLen(prefix);
  const len = strLen(s);
  if (len < n || !bytesEqual(strPtr(s), strPtr(prefix), n)) return s;
  return str(strPtr(s) + n, len - n);
}

/** `trim_suffix(s, p)`: `s` without `p` at its end, or `s` when it does not end with `p`. */
export function strTrimSuffix(s: Str, suffix: Str): Str {
  if (s == ABSENT || suffix == ABSENT) return ABSENT;
  const n = strLen(suffix);
  const len = strLen(s);
  if (len < n || !bytesEqual(strPtr(s) + len - n, strPtr(suffix), n)) return s;
  return str(strPtr(s), len - n);
}

/**
 * `substring(s, start[, length])`, in bytes. A negative `start` counts from the end; both ends are clamped to the
 * string, and a negative `length` is 0. Without a length the lowering passes i64.MAX_VALUE: the rest of `s`.
 * A cut inside a UTF-8 sequence keeps the bytes as they are.
 */
export function strSubstring(s: Str, start: i64, length: i64): Str {
  if (s == ABSENT || start == ABSENT_INT || length == ABSENT_INT) return ABSENT;
  const len = <i64>strLen(s);
  let from = start < 0 ? len + start : start;
  if (from < 0) from = 0;
  if (from > len) from = len;
  // `length` may be near i64.MAX_VALUE: compare it with what is left instead of adding it to `from`.
  const count = length < 0 ? 0 : length > len - from ? len - from : length;
  return str(strPtr(s) + <usize>from, <usize>count);
}

/** `split_first(s, sep)`: the part before the first `sep`, or `s` when there is none. */
export function strSplitFirst(s: Str, sep: Str): Str {
  if (s == ABSENT || sep == ABSENT) return ABSENT;
  const at = strIndexOf(s, sep, 0);
  return at < 0 ? s : str(strPtr(s), <usize>at);
}

/** `split_last(s, sep)`: the part after the last `sep`, or `s` when there is none. */
export function strSplitLast(s: Str, sep: Str): Str {
  if (s == ABSENT || sep == ABSENT) return ABSENT;
  const n = strLen(sep);
  const len = strLen(s);
  // An empty separator is never found (the checker refuses an empty literal, which is all that reaches here).
  if (n == 0 || n > len) return s;
  const p = strPtr(s);
  const q = strPtr(sep);
  for (let i = len - n + 1; i-- > 0; ) {
    if (load<u8>(p + i) == load<u8>(q) && bytesEqual(p + i, q, n)) return str(p + i + n, len - i - n);
  }
  return s;
}

/**
 * Where `needle` first occurs in `s` at or after `from`, or -1; an empty needle is never found. Time is the length
 * of `s` times that of `needle`, which the checker requires to be a literal: linear in the request.
 */
export function strIndexOf(s: Str, needle: Str, from: usize): isize {
  const n = strLen(needle);
  const len = strLen(s);
  if (n == 0 || n > len) return -1;
  const p = strPtr(s);
  const q = strPtr(needle);
  const first = load<u8>(q);
  for (let i = from; i + n <= len; i++) {
    if (load<u8>(p + i) == first && bytesEqual(p + i, q, n)) return <isize>i;
  }
  return -1;
}
