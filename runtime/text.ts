// Building strings for interpolation ("a=${x}"): every part is evaluated first, then one arena allocation holds
// the result. Longer templates nest these calls.
import { arenaAlloc } from "./memory";
import { Str, str, strLen, put } from "./str";

export function concat2(a: Str, b: Str): Str {
  const len = strLen(a) + strLen(b);
  const dst = arenaAlloc(len);
  put(put(dst, a), b);
  return str(dst, len);
}

export function concat3(a: Str, b: Str, c: Str): Str {
  const len = strLen(a) + strLen(b) + strLen(c);
  const dst = arenaAlloc(len);
  put(put(put(dst, a), b), c);
  return str(dst, len);
}

export function concat4(a: Str, b: Str, c: Str, d: Str): Str {
  const len = strLen(a) + strLen(b) + strLen(c) + strLen(d);
  const dst = arenaAlloc(len);
  put(put(put(put(dst, a), b), c), d);
  return str(dst, len);
}
