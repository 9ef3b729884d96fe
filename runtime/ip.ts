// `ip(text)`: the text itself when it is an IPv4 or IPv6 address (runtime/net.ts parseIp), else ABSENT.
import { ABSENT, Str, strLen, strPtr } from "./str";
import { parseIp } from "./net";

const scratch = memory.data(16);

export function ipText(s: Str): Str {
  return parseIp(strPtr(s), strLen(s), scratch) != 0 ? s : ABSENT;
}
