// A string value is a u64: byte length in the high half, pointer in the low half (so a (pointer, length) pair of
// u32s in memory, as the host writes them, loads as one). It lives in static data, the arena or a block, and is
// never copied to be passed around. `ABSENT` (a missing header or field) is 0, so every absence test is one `eqz`,
// and its pointer and length read as the empty string at address 0: no host call or copy needs to check for it.
import { STATUS_OK } from "./abi";
import { arenaAlloc } from "./memory";

export type Str = u64;

// Constants are inlined, so generated globals initialized with them need no start function.
// @ts-ignore: decorator
@inline export const ABSENT: Str = 0;
/** The empty string: no bytes at address 1, any pointer but 0 would do, as long as it differs from ABSENT. */
// @ts-ignore: decorator
@inline export const EMPTY: Str = 1;
/** A header the callback has not read yet (generated code caches header reads). */
// @ts-ignore: decorator
@inline export const UNREAD: Str = 0xffffffffffffffff;

// @ts-ignore: decorator
@inline export function str(ptr: usize, len: usize): Str {
  return ((<u64>len) << 32) | <u64>(<u32>ptr);
}

/** Where host calls return a pointer and a size: two u32s, which load as one Str. */
export const HOST_RETURN = memory.data(8);

/**
 * The value a host call returned at HOST_RETURN, or ABSENT when its status is not OK. The host writes an empty
 * value as pointer 0 and size 0, which would read as ABSENT: it becomes EMPTY.
 */
export function hostValue(status: u32): Str {
  if (status != STATUS_OK) return ABSENT;
  const s = load<u64>(HOST_RETURN);
  return s == ABSENT ? EMPTY : s;
}

// @ts-ignore: decorator
@inline export function strPtr(s: Str): usize {
  return <usize>(<u32>s);
}

/** The byte length; 0 for ABSENT, which interpolates as the empty string. */
// @ts-ignore: decorator
@inline export function strLen(s: Str): usize {
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
  return (a ^ b) >> 32 == 0 && bytesEqual(strPtr(a), strPtr(b), strLen(a));
}

export function strStartsWith(s: Str, prefix: Str): bool {
  if (s == ABSENT || prefix == ABSENT) return false;
  const n = strLen(prefix);
  return strLen(s) >= n && bytesEqual(strPtr(s), strPtr(prefix), n);
}

export function strEndsWith(s: Str, suffix: Str): bool {
  if (s == ABSENT || suffix == ABSENT) return false;
  const n = strLen(suffix);
  const len = strLen(s);
  return len >= n && bytesEqual(strPtr(s) + len - n, strPtr(suffix), n);
}

export function strContains(s: Str, needle: Str): bool {
  if (s == ABSENT || needle == ABSENT) return false;
  const n = strLen(needle);
  const len = strLen(s);
  if (n > len) return false;
  if (n == 0) return true;
  const p = strPtr(s);
  const q = strPtr(needle);
  // Compare only where the first byte matches: most positions of a body or header fail on one load, without a call.
  const first = load<u8>(q);
  const last = p + len - n;
  for (let at = p; at <= last; at++) {
    if (load<u8>(at) == first && bytesEqual(at + 1, q + 1, n - 1)) return true;
  }
  return false;
}

/** ASCII lower-casing into the arena; ABSENT stays ABSENT. */
export function strLower(s: Str): Str {
  return asciiCaseFlipped(s, 65);
}

/** `upper(s)`: ASCII letters in upper case, other bytes as they are. */
export function strUpper(s: Str): Str {
  return asciiCaseFlipped(s, 97);
}

/**
 * A copy in the arena with the 26 letters from `first` ('A' or 'a') in the other case: ASCII cases differ by bit 5
 * alone, so one loop serves both directions. ABSENT stays ABSENT.
 */
@inline
function asciiCaseFlipped(s: Str, first: u32): Str {
  if (s == ABSENT) return ABSENT;
  const len = strLen(s);
  const src = strPtr(s);
  const dst = arenaAlloc(len);
  for (let i: usize = 0; i < len; i++) {
    const c = <u32>load<u8>(src + i);
    store<u8>(dst + i, <u8>(c - first < 26 ? c ^ 32 : c));
  }
  return str(dst, len);
}

/** Appends `s` at `dst` and returns the next write position: the building block of interpolation. */
export function put(dst: usize, s: Str): usize {
  const len = strLen(s);
  memory.copy(dst, strPtr(s), len);
  return dst + len;
}

/** The value of hex digit `c`, or 16 when it is none. */
export function hexDigit(c: u32): u32 {
  const digit = c - 48;
  // `a`..`f` and `A`..`F` as 10..15.
  const letter = (c | 32) - 87;
  return digit < 10 ? digit : letter - 10 < 6 ? letter : 16;
}

/** Room for the decimal form of any i64. */
export const INT_TEXT_MAX: usize = 20;

export function intText(value: i64): Str {
  // An absent int (a property the proxy does not have) interpolates as the empty text, as every absent value.
  if (value == ABSENT_INT) return EMPTY;
  const end = arenaAlloc(INT_TEXT_MAX) + INT_TEXT_MAX;
  let p = end;
  let v = value < 0 ? -value : value;
  // Digits from the last.
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

/** Decimal digits only; anything else (or absent: no digits) is `ABSENT_INT`. */
export function parseInt(s: Str): i64 {
  const p = strPtr(s);
  const end = p + strLen(s);
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
