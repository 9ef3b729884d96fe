// A string value is a u64: byte length in the high half, pointer in the low half (so a (pointer, length) pair of
// u32s in memory, as the host writes them, loads as one). It lives in static data, the
// arena or a block, is never copied to be passed around, and `ABSENT` stands for a missing header or field.
import { arenaAlloc } from "./memory";

export type Str = u64;

// Constants are inlined, so generated globals initialized with them need no start function.
// @ts-ignore: decorator
@inline export const ABSENT: Str = 0xffffffffffffffff;
// @ts-ignore: decorator
@inline export const EMPTY: Str = 0;
/** A header the callback has not read yet (generated code caches header reads). */
// @ts-ignore: decorator
@inline export const UNREAD: Str = 0xfffffffffffffffe;

// @ts-ignore: decorator
@inline export function str(ptr: usize, len: usize): Str {
  return ((<u64>len) << 32) | <u64>(<u32>ptr);
}

// @ts-ignore: decorator
@inline export function strPtr(s: Str): usize {
  // ABSENT reads as an empty string at address 0, so no host call or copy ever sees an out-of-bounds pointer.
  return s == ABSENT ? 0 : <usize>(<u32>s);
}

/** The byte length; 0 for ABSENT, which interpolates as the empty string. */
// @ts-ignore: decorator
@inline export function strLen(s: Str): usize {
  return s == ABSENT ? 0 : <usize>(s >> 32);
}

/**
 * Pointer and length of a value that is never ABSENT (a name or literal from the compiler, a value built here):
 * no check for ABSENT, which saves a few bytes at every host call that passes one.
 */
// @ts-ignore: decorator
@inline export function knownPtr(s: Str): usize {
  return <usize>(<u32>s);
}
// @ts-ignore: decorator
@inline export function knownLen(s: Str): usize {
  return <usize>(s >> 32);
}

// @ts-ignore: decorator
@inline export function isAbsent(s: Str): bool {
  return s == ABSENT;
}

export function bytesEqual(a: usize, b: usize, len: usize): bool {
  for (let i: usize = 0; i < len; i++) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
  }
  return true;
}

export function strEquals(a: Str, b: Str): bool {
  if (a == ABSENT || b == ABSENT) return false;
  // Equal lengths: the high halves agree.
  return (a ^ b) >> 32 == 0 && bytesEqual(knownPtr(a), knownPtr(b), knownLen(a));
}

export function strStartsWith(s: Str, prefix: Str): bool {
  if (s == ABSENT || prefix == ABSENT) return false;
  const n = knownLen(prefix);
  return knownLen(s) >= n && bytesEqual(knownPtr(s), knownPtr(prefix), n);
}

export function strEndsWith(s: Str, suffix: Str): bool {
  if (s == ABSENT || suffix == ABSENT) return false;
  const n = knownLen(suffix);
  const len = knownLen(s);
  return len >= n && bytesEqual(knownPtr(s) + len - n, knownPtr(suffix), n);
}

export function strContains(s: Str, needle: Str): bool {
  if (s == ABSENT || needle == ABSENT) return false;
  const n = knownLen(needle);
  const len = knownLen(s);
  if (n > len) return false;
  const p = knownPtr(s);
  const q = knownPtr(needle);
  for (let i: usize = 0; i + n <= len; i++) {
    if (bytesEqual(p + i, q, n)) return true;
  }
  return false;
}

/** ASCII lower-casing into the arena; ABSENT stays ABSENT. */
export function strLower(s: Str): Str {
  if (s == ABSENT) return ABSENT;
  const len = knownLen(s);
  const src = knownPtr(s);
  const dst = arenaAlloc(len);
  for (let i: usize = 0; i < len; i++) {
    const c = <u32>load<u8>(src + i);
    store<u8>(dst + i, <u8>(c - 65 < 26 ? c | 32 : c));
  }
  return str(dst, len);
}

/** Appends `s` at `dst` and returns the next write position: the building block of interpolation. */
export function put(dst: usize, s: Str): usize {
  // memory.copy bounds-checks its source even for zero bytes, and ABSENT's pointer is out of bounds.
  if (s == ABSENT) return dst;
  const len = knownLen(s);
  memory.copy(dst, knownPtr(s), len);
  return dst + len;
}

/** Room for the decimal form of any i64. */
export const INT_TEXT_MAX: usize = 20;

export function intText(value: i64): Str {
  const end = arenaAlloc(INT_TEXT_MAX) + INT_TEXT_MAX;
  let p = end;
  let v = value < 0 ? -value : value;
  // Digits from the last. ABSENT_INT (i64.MIN_VALUE) stays negative and stops after one digit, as it always did.
  do {
    store<u8>(--p, <u8>(48 + <i32>(v % 10)));
    v /= 10;
  } while (v > 0);
  if (value < 0) store<u8>(--p, 45);
  return str(p, end - p);
}

export function boolText(value: bool): Str {
  return value ? str(TRUE_TEXT(), 4) : str(FALSE_TEXT(), 5);
}
// Static data is emitted only for functions that are compiled, so unused messages cost nothing.
// @ts-ignore: decorator
@inline function TRUE_TEXT(): usize {
  return memory.data<u8>([116, 114, 117, 101]);
}
// @ts-ignore: decorator
@inline function FALSE_TEXT(): usize {
  return memory.data<u8>([102, 97, 108, 115, 101]);
}

/** Decimal digits only; anything else (or absent) is `ABSENT_INT`. */
export function parseInt(s: Str): i64 {
  if (s == ABSENT) return ABSENT_INT;
  const p = knownPtr(s);
  const end = p + knownLen(s);
  if (end == p || end - p > 18) return ABSENT_INT;
  let v: i64 = 0;
  for (let q = p; q < end; q++) {
    const d = <u32>load<u8>(q) - 48;
    if (d > 9) return ABSENT_INT;
    v = v * 10 + <i64>d;
  }
  return v;
}

/** A missing integer field: every comparison with it is false. */
// @ts-ignore: decorator
@inline export const ABSENT_INT: i64 = i64.MIN_VALUE;

/** True when the value may be sent in a header: no CR, LF or NUL. */
export function isSafeHeaderValue(s: Str): bool {
  const len = strLen(s);
  const p = strPtr(s);
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 13 || c == 10 || c == 0) return false;
  }
  return true;
}
