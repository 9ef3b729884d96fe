// Building strings for interpolation ("a=${x}"): every part is evaluated first, then one arena allocation holds
// the result. Longer templates nest these calls, three parts at a time. Every width goes through concat3, so a
// filter carries one copy.
import { arenaAlloc } from "./memory";
import { Str, str, strLen, strPtr, put, EMPTY } from "./str";

// @ts-ignore: decorator
@inline export function concat2(a: Str, b: Str): Str {
  return concat3(a, b, EMPTY);
}

export function concat3(a: Str, b: Str, c: Str): Str {
  const len = strLen(a) + strLen(b) + strLen(c);
  const dst = arenaAlloc(len);
  put(put(put(dst, a), b), c);
  return str(dst, len);
}

/**
 * The text of an int field the proxy sends as decimal text (`:status`): what intText(parseInt(s)) gives, as a
 * part of `s`: its digits less leading zeros, or the empty text when it is not 1 to 18 digits (absent included).
 */
export function digitsText(s: Str): Str {
  let p = strPtr(s);
  const end = p + strLen(s);
  if (end == p || end - p > 18) return EMPTY;
  for (let q = p; q < end; q++) if (<u32>load<u8>(q) - 48 > 9) return EMPTY;
  while (p < end - 1 && load<u8>(p) == 48) p++;
  return str(p, end - p);
}
