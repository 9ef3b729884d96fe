// Envoy attributes read through proxy_get_property. Paths are NUL-separated segments emitted by the compiler.
import { proxy_get_property } from "./abi";
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr, hostValue, HOST_RETURN } from "./str";

export function getProperty(path: Str): Str {
  return hostValue(proxy_get_property(strPtr(path), strLen(path), HOST_RETURN, HOST_RETURN + 4));
}

/** An int64 attribute (8 bytes, little-endian), or ABSENT_INT. */
export function getIntProperty(path: Str): i64 {
  const value = getProperty(path);
  if (strLen(value) != 8) return ABSENT_INT;
  return load<i64>(strPtr(value));
}

/** A bool attribute (1 byte); absent is false. */
export function getBoolProperty(path: Str): bool {
  const value = getProperty(path);
  return strLen(value) >= 1 && load<u8>(strPtr(value)) != 0;
}

/** `source.address` is "ip:port" (IPv6 as "[ip]:port"); rules see the IP alone. */
export function getAddressProperty(path: Str): Str {
  // ABSENT has no bytes and comes back as it is.
  const value = getProperty(path);
  const p = strPtr(value);
  const len = strLen(value);
  // With no bytes this reads one byte that is not the value's, and either way the value comes back as it is.
  const bracket = load<u8>(p) == 91;
  // Bracketed, the colons are the address's own: counting from 2, they never make it one with a port.
  let colons = <i32>bracket << 1;
  let last: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 93 && bracket) return str(p + 1, i - 1);
    if (c == 58) {
      colons++;
      last = i;
    }
  }
  // One colon: IPv4 with a port. More: a bare IPv6 address without a port.
  return colons == 1 ? str(p, last) : value;
}
