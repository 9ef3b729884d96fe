import { MAP_REQUEST_HEADERS } from "./abi";
import { getHeader, setHeader, setHeaderChecked } from "./headers";
import { Str, str, strPtr, strLen, strStartsWith, EMPTY } from "./str";
import { concat3 } from "./text";

// Static data is emitted only for functions that are compiled, so unused messages cost nothing.
/** :path */
// @ts-ignore: decorator
@inline export function PATH(): usize {
  return memory.data<u8>([58, 112, 97, 116, 104]);
}

/**
 * `rewrite prefix FROM to TO`: when :path starts with FROM, that prefix becomes TO. With `literal`, TO is a literal
 * the compiler checked for CR, LF and NUL, and the rest is the host's own :path, so the value needs no scan.
 */
export function rewritePathPrefix(from: Str, to: Str, literal: bool): void {
  const name = str(PATH(), 5);
  const path = getHeader(MAP_REQUEST_HEADERS, name);
  if (!strStartsWith(path, from)) return;
  const n = strLen(from);
  const value = concat3(to, str(strPtr(path) + n, strLen(path) - n), EMPTY);
  if (literal) setHeaderChecked(MAP_REQUEST_HEADERS, name, value);
  else setHeader(MAP_REQUEST_HEADERS, name, value);
}

/** `rewrite path EXPR` */
export function rewritePath(value: Str): void {
  setHeader(MAP_REQUEST_HEADERS, str(PATH(), 5), value);
}
