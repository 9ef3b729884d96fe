// `hash(x)`: FNV-1a 32 (http://www.isthe.com/chongo/tech/comp/fnv/) over the value's bytes. Chosen over xxHash32
// because it is a loop of one xor and one multiply per byte with no block tail, small in wasm, and stable: the same
// number in every proxy, in `filterc test` and in the compiler's constant folding (compiler/functions/hash.ts).
import { ABSENT, ABSENT_INT, Str, strLen, strPtr, intText, boolText } from "./str";

const FNV_OFFSET_BASIS: u32 = 0x811c9dc5;
const FNV_PRIME: u32 = 0x01000193;

/** FNV-1a 32 of a string's bytes, 0..2^32-1; ABSENT_INT for ABSENT. */
export function strHash(s: Str): i64 {
  if (s == ABSENT) return ABSENT_INT;
  let h = FNV_OFFSET_BASIS;
  const end = strPtr(s) + strLen(s);
  for (let p = strPtr(s); p < end; p++) h = (h ^ <u32>load<u8>(p)) * FNV_PRIME;
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
