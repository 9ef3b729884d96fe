// Building strings for interpolation ("a=${x}"): every part is evaluated first, then one arena allocation holds
// the result. Longer templates nest these calls. Every width goes through concat3, so a filter carries one copy.
import { arenaAlloc } from "./memory";
import { Str, str, strLen, put, EMPTY } from "./str";

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

/** Rare (templates of four parts and more): the first two parts are joined first. */
// @ts-ignore: decorator
@inline export function concat4(a: Str, b: Str, c: Str, d: Str): Str {
  return concat3(concat3(a, b, EMPTY), c, d);
}
