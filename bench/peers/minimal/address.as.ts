// Addresses for the hand-written peers: the IP of Envoy's `source.address` ("ip:port", "[ip]:port") and IPv4 text.
import { ABSENT, Bytes, bytes, lenOf, ptrOf } from "./bytes.as";

/** The IP of "ip:port" or "[ip]:port". */
export function peerIp(address: Bytes): Bytes {
  if (address == ABSENT) return ABSENT;
  const p = ptrOf(address);
  const n = lenOf(address);
  if (n > 0 && load<u8>(p) == 91) {
    for (let i: usize = 1; i < n; i++) if (load<u8>(p + i) == 93) return bytes(p + 1, i - 1);
    return address;
  }
  let colons = 0;
  let last: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    if (load<u8>(p + i) == 58) {
      colons++;
      last = i;
    }
  }
  return colons == 1 ? bytes(p, last) : address;
}

/** Dotted-quad IPv4 to a u32, or -1. */
export function ipv4(p: usize, n: usize): i64 {
  let value: u32 = 0;
  let part: u32 = 0;
  let digits = 0;
  let dots = 0;
  for (let i: usize = 0; i <= n; i++) {
    const c = i < n ? <u32>load<u8>(p + i) : 46;
    if (c == 46) {
      if (digits == 0) return -1;
      value = (value << 8) | part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + c - 48;
      if (part > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  return dots == 4 ? <i64>value : -1;
}
