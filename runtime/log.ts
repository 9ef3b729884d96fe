import { proxy_log } from "./abi";
import { arenaAlloc } from "./memory";
import { Str, put, strLen, strPtr } from "./str";

export function log(level: u32, message: Str): void {
  proxy_log(level, strPtr(message), strLen(message));
}

/** A log line made of three parts, for the runtime's own messages. */
export function logParts(level: u32, a: Str, b: Str, c: Str): void {
  const len = strLen(a) + strLen(b) + strLen(c);
  const dst = arenaAlloc(len);
  put(put(put(dst, a), b), c);
  proxy_log(level, dst, len);
}
