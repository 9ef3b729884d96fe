import { proxy_log } from "./abi";
import { arenaAlloc } from "./memory";
import { Str, str, strLen, strPtr, isSafeHeaderValue } from "./str";
import { concat3 } from "./text";

export function log(level: u32, message: Str): void {
  proxy_log(level, strPtr(message), strLen(message));
}

/** A log line made of three parts, for the runtime's own messages. */
export function logParts(level: u32, a: Str, b: Str, c: Str): void {
  const line = concat3(a, b, c);
  proxy_log(level, strPtr(line), strLen(line));
}

/**
 * `log` of a computed line: CR, LF and NUL are written as the two characters `\r`, `\n` and `\0`, so bytes from the
 * request can neither end the proxy's log line nor cut it short. Other bytes, `\` included, pass as they are. The
 * line is copied into the arena (at most twice its size) only when it holds one of the three.
 */
export function logEscaped(level: u32, message: Str): void {
  if (!isSafeHeaderValue(message)) {
    let p = strPtr(message);
    const end = p + strLen(message);
    const start = arenaAlloc(strLen(message) << 1);
    let q = start;
    for (; p < end; p++) {
      let c = <u32>load<u8>(p);
      if (c == 13 || c == 10 || c == 0) {
        store<u8>(q++, 92);
        c = c == 13 ? 114 : c == 10 ? 110 : 48;
      }
      store<u8>(q++, <u8>c);
    }
    message = str(start, q - start);
  }
  log(level, message);
}
