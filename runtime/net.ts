// IP addresses and CIDR ranges. Addresses are compared as 16 bytes; IPv4 is mapped to ::ffff:a.b.c.d so one table
// holds both families. Tables are emitted by the compiler (or built from plugin configuration): per entry 16
// address bytes and one prefix-length byte.
import { Str, strLen, strPtr, hexDigit } from "./str";

const parsed = memory.data(16);

/** Where the digits decimal() read last ended. */
let decimalEnd: usize = 0;

/**
 * The number that one to three decimal digits at `p` (before `end`) write, or -1 when there are none, more, a
 * leading zero (`010` could be read as octal) or the number is above `max`. Shared by IPv4 numbers and prefix
 * lengths.
 */
function decimal(p: usize, end: usize, max: u32): i32 {
  let q = p;
  let value: u32 = 0;
  let d: u32;
  while (q < end && (d = <u32>load<u8>(q) - 48) < 10) {
    // A digit after a leading zero, or a fourth one, puts the number out of range for good.
    value = (value == 0 && q > p) || value > 99 ? 1000 : value * 10 + d;
    q++;
  }
  decimalEnd = q;
  return q == p || value > max ? -1 : <i32>value;
}

/**
 * Parses the IPv4 or IPv6 address in the `len` bytes at `p` into 16 bytes at `out`. Returns the bits of its family's
 * addresses, as the text gives it: 32 for IPv4 (mapped to `::ffff:a.b.c.d`), 128 for IPv6; 0 when it is neither.
 * IPv6 is hex groups with at most one `::` and an optional dotted IPv4 tail; IPv4 alone is read as such a tail.
 */
export function parseIp(p: usize, len: usize, out: usize): u32 {
  const end = p + len;
  // `n` bytes of `out` are written; `gap` is where `::` stands, or -1.
  let n: usize = 0;
  let gap: isize = -1;
  let bits: u32 = 128;
  let q = p;
  while (true) {
    // At the start, after a group's `:`, or at a `::`.
    if (end - q > 1 && load<u16>(q) == 0x3a3a) {
      if (gap >= 0) return 0;
      gap = <isize>n;
      q += 2;
      if (q == end) break;
    }
    let group = q;
    let value: u32 = 0;
    let h: u32;
    while (q < end && (h = hexDigit(load<u8>(q))) < 16) {
      value = (value << 4) | h;
      q++;
    }
    if (q < end && load<u8>(q) == 46) {
      // The dotted tail. Before any group or `::` it is IPv4 alone: the tail of `::ffff:`.
      if (n == 0 && gap < 0) {
        store<u16>(out, 0xffff);
        n = 2;
        gap = 0;
        bits = 32;
      }
      if (n > 12) return 0;
      for (let k = 0; k < 4; k++) {
        const number = decimal(group, end, 255);
        if (number < 0) return 0;
        store<u8>(out + n++, <u8>number);
        // A dot after each of the first three numbers (a dot at the end leaves no digits for the next one), the end
        // of the text after the fourth.
        if (k < 3 ? load<u8>(decimalEnd) != 46 : decimalEnd != end) return 0;
        group = decimalEnd + 1;
      }
      break;
    }
    // One to four hex digits.
    if (q - group - 1 > 3 || n > 14) return 0;
    store<u16>(out + n, bswap<u16>(<u16>value));
    n += 2;
    if (q == end) break;
    if (load<u8>(q) != 58) return 0;
    // One `:` before the next group; `::` is read at the top. A `:` at the end leaves no digits for a group.
    if (load<u8>(q, 1) != 58) q++;
  }
  if (gap < 0) return n == 16 ? bits : 0;
  // `::` stands for at least one group.
  if (n > 14) return 0;
  // Move the groups after `::` to the end and zero what `::` stands for.
  const g = <usize>gap;
  memory.copy(out + 16 - (n - g), out + g, n - g);
  memory.fill(out + g, 0, 16 - n);
  return bits;
}

/**
 * Parses an address or CIDR range into a table entry (16 address bytes and the prefix length). The family comes
 * from the text, as in the compiler: IPv6, prefix 0..128; IPv4, prefix 0..32 (+96).
 */
export function parseCidr(p: usize, len: usize, entry: usize): bool {
  const end = p + len;
  let slash = p;
  while (slash < end && load<u8>(slash) != 47) slash++;
  const bits = parseIp(p, slash - p, entry);
  let prefix = <i32>bits;
  if (slash < end) {
    prefix = decimal(slash + 1, end, bits);
    if (decimalEnd != end) return false;
  }
  store<u8>(entry, <u8>(prefix + 128 - bits), 16);
  return bits != 0 && prefix >= 0;
}

/** Whether address text `s` lies in one of `count` table entries (16 address bytes + 1 prefix byte each). */
export function ipInTable(s: Str, table: usize, count: i32): bool {
  // ABSENT has no bytes, which is not an address.
  if (!parseIp(strPtr(s), strLen(s), parsed)) return false;
  for (let entry = table; entry < table + <usize>count * 17; entry += 17) {
    // The leading bits the address and the entry share, a half at a time. Loaded little-endian, the lowest set bit
    // of the difference is in the first byte that differs. With both halves equal, `whole` is 64, the shift by it
    // is one by 0 in wasm, and the sum 136: more than any prefix.
    let same: u64 = 0;
    let x = load<u64>(parsed) ^ load<u64>(entry);
    if (x == 0) {
      same = 64;
      x = load<u64>(parsed, 8) ^ load<u64>(entry, 8);
    }
    const whole = ctz(x) & ~7;
    same += whole + <u64>clz<u32>(<u32>(x >> whole) & 0xff) - 24;
    if (same >= <u64>load<u8>(entry, 16)) return true;
  }
  return false;
}
