import { proxy_log } from "./abi";
import { Str, strLen, strPtr } from "./str";
import { concat3 } from "./text";

export function log(level: u32, message: Str): void {
  proxy_log(level, strPtr(message), strLen(message));
}

/** A log line made of three parts, for the runtime's own messages. */
export function logParts(level: u32, a: Str, b: Str, c: Str): void {
  const line = concat3(a, b, c);
  proxy_log(level, strPtr(line), strLen(line));
}
