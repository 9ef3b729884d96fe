// IP addresses and CIDR ranges. Addresses are compared as 16 bytes; IPv4 is mapped to ::ffff:a.b.c.d so one table
// holds both families. Tables are emitted by the compiler (or built from plugin configuration): per entry 16
// address bytes and one prefix-length byte.
import { ABSENT, Str, strLen, strPtr } from "./str";

const parsed = memory.data(16);

function hex(c: u32): i32 {
  if (c >= 48 && c <= 57) return <i32>c - 48;
  if (c >= 97 && c <= 102) return <i32>c - 87;
  if (c >= 65 && c <= 70) return <i32>c - 55;
  return -1;
}

function parseIpv4(p: usize, len: usize, out: usize): bool {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i: usize = 0; i <= len; i++) {
    const c = i < len ? <i32>load<u8>(p + i) : 46;
    if (c == 46) {
      if (digits == 0 || part > 3) return false;
      store<u8>(out + <usize>part, <u8>value);
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + c - 48;
      digits++;
      if (value > 255 || digits > 3) return false;
    } else {
      return false;
    }
  }
  return part == 4;
}

function parseIpv6(p: usize, len: usize, out: usize): bool {
  memory.fill(out, 0, 16);
  let groups = 0;
  let gap = -1;
  let i: usize = 0;
  if (len >= 2 && load<u8>(p) == 58 && load<u8>(p + 1) == 58) {
    gap = 0;
    i = 2;
  }
  const words = memory.data(16);
  while (i < len) {
    if (groups >= 8) return false;
    // An embedded IPv4 tail: a.b.c.d in the last 32 bits.
    let j = i;
    let sawDot = false;
    while (j < len && load<u8>(p + j) != 58) {
      if (load<u8>(p + j) == 46) sawDot = true;
      j++;
    }
    if (sawDot) {
      if (groups > 6 || !parseIpv4(p + i, len - i, words + <usize>groups * 2)) return false;
      groups += 2;
      i = len;
      break;
    }
    let value = 0;
    let digits = 0;
    while (i < len && load<u8>(p + i) != 58) {
      const h = hex(load<u8>(p + i));
      if (h < 0 || digits == 4) return false;
      value = (value << 4) | h;
      digits++;
      i++;
    }
    if (digits == 0) return false;
    store<u8>(words + <usize>groups * 2, <u8>(value >> 8));
    store<u8>(words + <usize>groups * 2 + 1, <u8>value);
    groups++;
    if (i < len) {
      i++; // ':'
      if (i < len && load<u8>(p + i) == 58) {
        if (gap >= 0) return false;
        gap = groups;
        i++;
      } else if (i == len) {
        return false;
      }
    }
  }
  if (gap < 0) {
    if (groups != 8) return false;
    memory.copy(out, words, 16);
    return true;
  }
  if (groups > 7) return false;
  const tail = groups - gap;
  memory.copy(out, words, <usize>gap * 2);
  memory.copy(out + 16 - <usize>tail * 2, words + <usize>gap * 2, <usize>tail * 2);
  return true;
}

/** Parses an IPv4 or IPv6 address into 16 bytes at `out`. */
export function parseIp(s: Str, out: usize): bool {
  if (s == ABSENT) return false;
  const p = strPtr(s);
  const len = strLen(s);
  for (let i: usize = 0; i < len; i++) {
    if (load<u8>(p + i) == 58) return parseIpv6(p, len, out);
  }
  memory.fill(out, 0, 10);
  store<u8>(out + 10, 0xff);
  store<u8>(out + 11, 0xff);
  return parseIpv4(p, len, out + 12);
}

function prefixMatches(a: usize, b: usize, bits: i32): bool {
  let i: usize = 0;
  while (bits >= 8) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
    bits -= 8;
  }
  if (bits == 0) return true;
  const mask: u32 = (<u32>0xff << <u32>(8 - bits)) & 0xff;
  return (<u32>load<u8>(a + i) & mask) == (<u32>load<u8>(b + i) & mask);
}

/** Whether address text `s` lies in one of `count` table entries (16 address bytes + 1 prefix byte each). */
export function ipInTable(s: Str, table: usize, count: i32): bool {
  if (!parseIp(s, parsed)) return false;
  for (let i = 0; i < count; i++) {
    const entry = table + <usize>i * 17;
    if (prefixMatches(parsed, entry, <i32>load<u8>(entry + 16))) return true;
  }
  return false;
}
