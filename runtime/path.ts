import { MAP_REQUEST_HEADERS } from "./abi";
import { getHeader, setHeader } from "./headers";
import { arenaAlloc } from "./memory";
import { Str, str, strLen, strPtr, strStartsWith, put } from "./str";

// Static data is emitted only for functions that are compiled, so unused messages cost nothing.
/** :path */
// @ts-ignore: decorator
@inline function PATH(): usize {
  return memory.data<u8>([58, 112, 97, 116, 104]);
}

/** `rewrite prefix FROM to TO`: when :path starts with FROM, that prefix becomes TO. */
export function rewritePathPrefix(from: Str, to: Str): void {
  const name = str(PATH(), 5);
  const path = getHeader(MAP_REQUEST_HEADERS, name);
  if (!strStartsWith(path, from)) return;
  const restLen = strLen(path) - strLen(from);
  const len = strLen(to) + restLen;
  const dst = arenaAlloc(len);
  memory.copy(put(dst, to), strPtr(path) + strLen(from), restLen);
  setHeader(MAP_REQUEST_HEADERS, name, str(dst, len));
}

/** `rewrite path EXPR` */
export function rewritePath(value: Str): void {
  setHeader(MAP_REQUEST_HEADERS, str(PATH(), 5), value);
}
