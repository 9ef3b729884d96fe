// Byte strings as one u64: pointer in the high half, length in the low half, so they pass in registers and cost
// no allocation. `lit("...")` in a peer's source is expanded by the benchmark's loader into static UTF-8 data
// (bench/peers/minimal-as.ts): AssemblyScript's own string literals are UTF-16.

export type Bytes = u64;

/** A header or property the host did not have. */
export const ABSENT: Bytes = 0xffffffffffffffff;

// @ts-ignore: decorator
@inline export function bytes(ptr: usize, len: usize): Bytes {
  return (<u64>ptr << 32) | <u64>len;
}

// @ts-ignore: decorator
@inline export function ptrOf(b: Bytes): usize {
  return <usize>(b >>> 32);
}

// @ts-ignore: decorator
@inline export function lenOf(b: Bytes): usize {
  return <usize>(b & 0xffffffff);
}

export function equals(a: Bytes, b: Bytes): bool {
  if (a == ABSENT || b == ABSENT || lenOf(a) != lenOf(b)) return false;
  return memory.compare(ptrOf(a), ptrOf(b), lenOf(a)) == 0;
}

export function startsWith(s: Bytes, prefix: Bytes): bool {
  if (s == ABSENT || lenOf(s) < lenOf(prefix)) return false;
  return memory.compare(ptrOf(s), ptrOf(prefix), lenOf(prefix)) == 0;
}

/** ASCII case-insensitive equality against a lower-case literal made of letters. */
export function equalsIgnoringCase(s: Bytes, lowerLetters: Bytes): bool {
  if (s == ABSENT || lenOf(s) != lenOf(lowerLetters)) return false;
  for (let i: usize = 0; i < lenOf(s); i++) {
    if ((load<u8>(ptrOf(s) + i) | 0x20) != load<u8>(ptrOf(lowerLetters) + i)) return false;
  }
  return true;
}

/** Copies `b` to `dst` and returns the end. */
export function put(dst: usize, b: Bytes): usize {
  memory.copy(dst, ptrOf(b), lenOf(b));
  return dst + lenOf(b);
}

export function endsWith(s: Bytes, suffix: Bytes): bool {
  if (s == ABSENT || lenOf(s) < lenOf(suffix)) return false;
  return memory.compare(ptrOf(s) + lenOf(s) - lenOf(suffix), ptrOf(suffix), lenOf(suffix)) == 0;
}

/** Whether `needle` occurs in `s`: a byte-by-byte scan, what a short needle needs. */
export function contains(s: Bytes, needle: Bytes): bool {
  if (s == ABSENT || lenOf(s) < lenOf(needle)) return false;
  const last = lenOf(s) - lenOf(needle);
  const first = load<u8>(ptrOf(needle));
  for (let i: usize = 0; i <= last; i++) {
    if (load<u8>(ptrOf(s) + i) == first && memory.compare(ptrOf(s) + i, ptrOf(needle), lenOf(needle)) == 0) return true;
  }
  return false;
}

/** The part of `s` before the first byte `c`, or all of `s`. */
export function beforeByte(s: Bytes, c: u8): Bytes {
  for (let i: usize = 0; i < lenOf(s); i++) if (load<u8>(ptrOf(s) + i) == c) return bytes(ptrOf(s), i);
  return s;
}

/** True unless the value holds CR, LF or NUL: such a header is never sent. */
export function safeValue(value: Bytes): bool {
  for (let i: usize = 0; i < lenOf(value); i++) {
    const c = load<u8>(ptrOf(value) + i);
    if (c == 13 || c == 10 || c == 0) return false;
  }
  return true;
}

/**
 * Writes `value` at `w` with CR, LF and NUL as `\r`, `\n` and `\0`, as filterc's log lines are, and returns where
 * it ended; `w` needs room for twice the value.
 */
export function putLogEscaped(w: usize, value: Bytes): usize {
  if (safeValue(value)) return put(w, value);
  for (let i: usize = 0; i < lenOf(value); i++) {
    let c = <u32>load<u8>(ptrOf(value) + i);
    if (c == 13 || c == 10 || c == 0) {
      store<u8>(w++, 92);
      c = c == 13 ? 114 : c == 10 ? 110 : 48;
    }
    store<u8>(w++, <u8>c);
  }
  return w;
}
