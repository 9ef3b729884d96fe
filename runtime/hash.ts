// `hash(x)`: xxHash32 with seed 0 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md) over the value's
// bytes. It replaced FNV-1a 32, whose last bytes barely reach the high bits: 17 of the 18 sequential ids `user-20`
// to `user-37` landed in a 10% canary; xxHash32 avalanches and is still one allocation-free pass.
// The same number in every proxy, in `filterc test` and in the compiler's constant folding
// (compiler/functions/hash.ts, which must change in lockstep).
import { ABSENT, ABSENT_INT, Str, strLen, strPtr, intText, boolText } from "./str";

const PRIME1: u32 = 0x9e3779b1;
const PRIME2: u32 = 0x85ebca77;
const PRIME3: u32 = 0xc2b2ae3d;
const PRIME4: u32 = 0x27d4eb2f;
const PRIME5: u32 = 0x165667b1;

/** xxHash32 (seed 0) of a string's bytes, 0..2^32-1; ABSENT_INT for ABSENT. Lanes are little-endian, as wasm loads. */
export function strHash(s: Str): i64 {
  if (s == ABSENT) return ABSENT_INT;
  const len = <u32>strLen(s);
  let p = strPtr(s);
  const end = p + strLen(s);
  let h: u32;
  if (len >= 16) {
    let v1: u32 = PRIME1 + PRIME2;
    let v2: u32 = PRIME2;
    let v3: u32 = 0;
    let v4: u32 = 0 - PRIME1;
    // One lane at a time, the four accumulators rotating so that each lane meets its own: one copy of the round
    // in the module instead of four (after each whole stripe they are back in place).
    const stripesEnd = p + (len & ~15);
    for (; p < stripesEnd; p += 4) {
      const next = rotl<u32>(v1 + load<u32>(p) * PRIME2, 13) * PRIME1;
      v1 = v2;
      v2 = v3;
      v3 = v4;
      v4 = next;
    }
    h = rotl<u32>(v1, 1) + rotl<u32>(v2, 7) + rotl<u32>(v3, 12) + rotl<u32>(v4, 18);
  } else {
    h = PRIME5;
  }
  h += len;
  for (; p + 4 <= end; p += 4) h = rotl<u32>(h + load<u32>(p) * PRIME3, 17) * PRIME4;
  for (; p < end; p++) h = rotl<u32>(h + <u32>load<u8>(p) * PRIME5, 11) * PRIME1;
  h ^= h >> 15;
  h *= PRIME2;
  h ^= h >> 13;
  h *= PRIME3;
  h ^= h >> 16;
  return <i64>h;
}

/** An int is hashed as its decimal text (`hash(42)` is `hash("42")`); ABSENT_INT stays absent. */
export function intHash(value: i64): i64 {
  return value == ABSENT_INT ? ABSENT_INT : strHash(intText(value));
}

/** A bool is hashed as its text, `true` or `false`. */
export function boolHash(value: bool): i64 {
  return strHash(boolText(value));
}
