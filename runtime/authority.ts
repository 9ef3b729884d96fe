// `request.hostname` and `request.port`: `:authority` split as Envoy's Http::Utility::parseAuthority
// (source/common/http/utility.cc) splits it: the port is what follows the last `:`, unless the authority ends in
// `]` (an IPv6 literal without a port); a port that is not all digits or is above 65535 is no port, and the whole
// authority is the host.
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr, strLower } from "./str";

/** Where the port's `:` is in the `len` bytes at `p`, or `len` when there is no valid port. */
function portColon(p: usize, len: usize): usize {
  if (len == 0 || load<u8>(p + len - 1) == 93) return len;
  let colon = len;
  while (colon > 0 && load<u8>(p + colon - 1) != 58) colon--;
  // No `:` at all, or nothing after it.
  if (colon == 0 || colon == len) return len;
  let port: u32 = 0;
  for (let q = colon; q < len; q++) {
    const d = <u32>load<u8>(p + q) - 48;
    if (d > 9) return len;
    port = port * 10 + d;
    if (port > 65535) return len;
  }
  return colon - 1;
}

/** The host of `:authority` without the port, ASCII lower-cased; copied only when it has an upper-case letter. */
export function authorityHostname(authority: Str): Str {
  if (authority == ABSENT) return ABSENT;
  const p = strPtr(authority);
  const host = str(p, portColon(p, strLen(authority)));
  for (let q = p; q < p + strLen(host); q++) if (<u32>load<u8>(q) - 65 < 26) return strLower(host);
  return host;
}

/** The port of `:authority`; without one, 443 for `https` and 80 for `http` by `:scheme`, else absent. */
export function authorityPort(authority: Str, scheme: Str): i64 {
  const p = strPtr(authority);
  const len = strLen(authority);
  const colon = portColon(p, len);
  if (colon < len) {
    let port: i64 = 0;
    for (let q = colon + 1; q < len; q++) port = port * 10 + <i64>(load<u8>(p + q) - 48);
    return port;
  }
  // `http` and `https` as 4 and 5 bytes: "http" little-endian is 0x70747468.
  const s = strPtr(scheme);
  if (strLen(scheme) == 4 && load<u32>(s) == 0x70747468) return 80;
  if (strLen(scheme) == 5 && load<u32>(s) == 0x70747468 && load<u8>(s, 4) == 115) return 443;
  return ABSENT_INT;
}
