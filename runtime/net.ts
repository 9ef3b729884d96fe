// IP addresses and CIDR ranges. Addresses are compared as 16 bytes; IPv4 is mapped to ::ffff:a.b.c.d so one table
// holds both families. Tables are emitted by the compiler (or built from plugin configuration): per entry 16
// address bytes and one prefix-length byte.
import { Str, strLen, strPtr, hexDigit } from "./str";

const parsed = memory.data(16);

/**
 * Parses the IPv4 or IPv6 address in the `len` bytes at `p` into 16 bytes at `out`, in one pass for both families:
 * IPv4 is read as the dotted tail of an implied `::ffff:`; IPv6 as hex groups with at most one `::` and an
 * optional dotted tail. Each `:`, `.` or the end closes the digits read since the last one.
 */
export function parseIp(p: usize, len: usize, out: usize): bool {
  // `n` bytes of `out` are written; `gap` is where `::` stands, or -1. `colon`: a colon so far, so at the end
  // whether the text is IPv6.
  let colon = false;
  let n: usize = 0;
  let gap: isize = -1;
  let hex: u32 = 0;
  let decimal: u32 = 0;
  let digits: u32 = 0;
  let dots = 0;
  let prev: u32 = 0;
  for (let i: usize = 0; i <= len; i++) {
    const c: u32 = i < len ? load<u8>(p + i) : 0;
    const h = hexDigit(c);
    if (c == 58) colon = true;
    if (h < 16) {
      if (++digits > 4) return false;
      hex = (hex << 4) | h;
      // A letter makes the number too large for IPv4.
      decimal = h > 9 ? 256 : decimal * 10 + h;
      prev = c;
      continue;
    }
    if (c == 46 || (c == 0 && (dots != 0 || !colon))) {
      // An IPv4 number: one to three decimal digits, at most 255, no leading zero (`010` could be read as octal; `hex` holds the digits as nibbles).
      if (digits - 1 > 2 || decimal > 255 || n > 15 || (digits > 1 && hex >> ((digits - 1) << 2) == 0)) return false;
      store<u8>(out + n++, <u8>decimal);
      dots++;
    } else if (c == 58 || c == 0) {
      if (dots != 0) return false; // the dotted part comes last
      if (digits != 0) {
        if (n > 14) return false;
        store<u16>(out + n, bswap<u16>(<u16>hex));
        n += 2;
      } else if (c == 58 && prev == 58 && gap < 0) {
        gap = <isize>n;
      } else if (!(c == 0 && prev == 58 && gap == <isize>n) && !(i == 0 && len > 1 && load<u8>(p, 1) == 58)) {
        // An empty group is only allowed as half of `::`.
        return false;
      }
    } else {
      return false;
    }
    hex = 0;
    decimal = 0;
    digits = 0;
    prev = c;
  }
  if (dots != 0 && dots != 4) return false;
  // IPv4 alone is the tail of `::ffff:`.
  if (!colon) gap = 0;
  if (gap < 0) return n == 16;
  if (n > 14) return false;
  // Move the groups after `::` to the end and zero what `::` stands for.
  const g = <usize>gap;
  memory.copy(out + 16 - (n - g), out + g, n - g);
  memory.fill(out + g, 0, 16 - n);
  if (!colon) store<u16>(out, 0xffff, 10);
  return true;
}

/**
 * Parses an address or CIDR range into a table entry (16 address bytes and the prefix length). The family comes
 * from the text, as in the compiler: with a colon it is IPv6, prefix 0..128; without, IPv4, prefix 0..32 (+96).
 */
export function parseCidr(p: usize, len: usize, entry: usize): bool {
  let slash = len;
  let v6 = false;
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 47) slash = i;
    if (c == 58 && slash == len) v6 = true;
  }
  if (!parseIp(p, slash, entry)) return false;
  const max: u32 = v6 ? 128 : 32;
  let prefix = max;
  if (slash < len) {
    // One to three digits, no leading zero.
    if (slash + 1 == len || len - slash > 4 || (len - slash > 2 && load<u8>(p + slash + 1) == 48)) return false;
    prefix = 0;
    for (let i = slash + 1; i < len; i++) {
      const d = <u32>load<u8>(p + i) - 48;
      if (d >= 10) return false;
      prefix = prefix * 10 + d;
    }
    if (prefix > max) return false;
  }
  store<u8>(entry, <u8>(prefix + 128 - max), 16);
  return true;
}

/** Whether address text `s` lies in one of `count` table entries (16 address bytes + 1 prefix byte each). */
export function ipInTable(s: Str, table: usize, count: i32): bool {
  // ABSENT has no bytes, which is not an address.
  if (!parseIp(strPtr(s), strLen(s), parsed)) return false;
  for (let entry = table; entry < table + <usize>count * 17; entry += 17) {
    // Whole bytes, then the leading bits of the last one: the mask keeps the first min(bits, 8) bits of a byte.
    let bits = <i32>load<u8>(entry, 16);
    for (let i: usize = 0; bits > 0; i++, bits -= 8) {
      if (((<u32>load<u8>(parsed + i) ^ <u32>load<u8>(entry + i)) & (0xff00 >> min(bits, 8)) & 0xff) != 0) break;
    }
    if (bits <= 0) return true;
  }
  return false;
}
