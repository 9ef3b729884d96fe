import { clearHostBits, type IpRange } from "./net.js";

/**
 * An address set: many `address in [CIDR, ...]` tests on one address answered by one lookup per distinct prefix
 * length, instead of one scan per list. Ranges are grouped by prefix length and sorted by their network bytes;
 * the runtime (runtime/test-set.ts, `addressSetRun`) parses the address once, and for each length masks it and
 * binary-searches that group. The table format:
 *
 *   offset      size  field (numbers little-endian)
 *   0           2     words: the result bitset's size in u32 words (bit k = test k)
 *   2           2     G, the number of prefix lengths
 *   4           6G    per length: u8 prefix bits (0..128, IPv4 as ::ffff:0:0/96 + n), u8 0, u16 first entry, u16 entries
 *   4+6G        18E   entries: 16 network bytes (host bits zero), u16 test; sorted by length group, then bytes
 */
export const ADDRESS_ENTRY_SIZE = 18;

/** `tests[k]` is the list of test k. Undefined when the table would need more than 65,535 entries. */
export function compileAddressSet(tests: readonly (readonly IpRange[])[]): Uint8Array | undefined {
  const byPrefix = new Map<number, Map<string, { bytes: Uint8Array; tests: Set<number> }>>();
  tests.forEach((ranges, test) => {
    for (const range of ranges) {
      const bytes = masked(range.bytes, range.prefix);
      const key = Buffer.from(bytes).toString("hex");
      let group = byPrefix.get(range.prefix);
      if (group === undefined) byPrefix.set(range.prefix, (group = new Map()));
      let entry = group.get(key);
      if (entry === undefined) group.set(key, (entry = { bytes, tests: new Set() }));
      entry.tests.add(test);
    }
  });
  const prefixes = [...byPrefix.keys()].sort((a, b) => b - a);
  const entries: { bytes: Uint8Array; test: number }[] = [];
  const groups = prefixes.map((prefix) => {
    const first = entries.length;
    const sorted = [...byPrefix.get(prefix)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, entry] of sorted) for (const test of [...entry.tests].sort((a, b) => a - b)) entries.push({ bytes: entry.bytes, test });
    return { prefix, first, count: entries.length - first };
  });
  if (entries.length > 0xffff) return undefined;
  const entriesAt = 4 + 6 * groups.length;
  const table = new Uint8Array(entriesAt + ADDRESS_ENTRY_SIZE * entries.length);
  const view = new DataView(table.buffer);
  view.setUint16(0, Math.ceil(tests.length / 32), true);
  view.setUint16(2, groups.length, true);
  groups.forEach((group, g) => {
    table[4 + 6 * g] = group.prefix;
    view.setUint16(4 + 6 * g + 2, group.first, true);
    view.setUint16(4 + 6 * g + 4, group.count, true);
  });
  entries.forEach((entry, i) => {
    table.set(entry.bytes, entriesAt + ADDRESS_ENTRY_SIZE * i);
    view.setUint16(entriesAt + ADDRESS_ENTRY_SIZE * i + 16, entry.test, true);
  });
  return table;
}

/** The reference lookup: the tests whose list contains `address` (16 bytes; undefined when it does not parse). */
export function runAddressSet(table: Uint8Array, address: Uint8Array | undefined): Set<number> {
  const result = new Set<number>();
  if (address === undefined) return result;
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const groups = view.getUint16(2, true);
  const entriesAt = 4 + 6 * groups;
  for (let g = 0; g < groups; g++) {
    const key = Buffer.from(masked(address, table[4 + 6 * g]!)).toString("hex");
    const first = view.getUint16(4 + 6 * g + 2, true);
    const count = view.getUint16(4 + 6 * g + 4, true);
    for (let i = first; i < first + count; i++) {
      const at = entriesAt + ADDRESS_ENTRY_SIZE * i;
      if (Buffer.from(table.subarray(at, at + 16)).toString("hex") === key) result.add(view.getUint16(at + 16, true));
    }
  }
  return result;
}

function masked(bytes: Uint8Array, prefix: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  clearHostBits(copy, prefix);
  return copy;
}
