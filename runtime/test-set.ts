// AssemblyScript: the runtime half of test sets, many constant tests on one value answered in one pass. Compiled
// by asc, not tsc. The table format is documented in compiler/regex/test-set.ts, whose `runTestSet` is the
// reference for this interpreter. Plain loads and stores over static memory: no allocation, nothing can abort.
import { parseIp } from "./net";
import { ABSENT, Str, strPtr, strLen } from "./str";

/** Sets bit k of the `bits` words for each test k of the table that holds for `s` (none when `s` is ABSENT). */
export function testSetRun(table: usize, s: Str, bits: usize): void {
  memory.fill(bits, 0, <usize>load<u16>(table, 8) << 2);
  if (s == ABSENT) return;
  const stateCount = <usize>load<u16>(table, 2);
  const dead = <u32>load<u16>(table, 6);
  const map = table + 12;
  const rows = map + 256;
  const slots = rows + (stateCount << 3);
  const lists = slots + (<usize>load<u16>(table, 10) << 2);
  let state = <u32>load<u16>(table, 4);
  markTests(lists + <usize>load<u16>(rows + (<usize>state << 3)), bits);
  const p = strPtr(s);
  const n = strLen(s);
  for (let i: usize = 0; i < n && state != dead; i++) {
    const row = rows + (<usize>state << 3);
    const slot = slots + ((<usize>load<u16>(row, 6) + <usize>load<u8>(map + <usize>load<u8>(p + i))) << 2);
    state = <u32>load<u16>(slot) == state ? <u32>load<u16>(slot, 2) : <u32>load<u16>(row, 4);
    markTests(lists + <usize>load<u16>(rows + (<usize>state << 3)), bits);
  }
  markTests(lists + <usize>load<u16>(rows + (<usize>state << 3), 2), bits);
}

/**
 * `testSetRun` for the wide format (u32 fields, compiler/regex/test-set.ts), which a set of more than 65,535 states
 * takes; a module links it only when it has such a set.
 */
export function testSetRunWide(table: usize, s: Str, bits: usize): void {
  memory.fill(bits, 0, <usize>load<u32>(table, 16) << 2);
  if (s == ABSENT) return;
  const stateCount = <usize>load<u32>(table, 4);
  const dead = load<u32>(table, 12);
  const map = table + 24;
  const rows = map + 256;
  const slots = rows + (stateCount << 4);
  const lists = slots + (<usize>load<u32>(table, 20) << 3);
  let state = load<u32>(table, 8);
  markTestsWide(lists + <usize>load<u32>(rows + (<usize>state << 4)), bits);
  const p = strPtr(s);
  const n = strLen(s);
  for (let i: usize = 0; i < n && state != dead; i++) {
    const row = rows + (<usize>state << 4);
    const slot = slots + ((<usize>load<u32>(row, 12) + <usize>load<u8>(map + <usize>load<u8>(p + i))) << 3);
    state = load<u32>(slot) == state ? load<u32>(slot, 4) : load<u32>(row, 8);
    markTestsWide(lists + <usize>load<u32>(rows + (<usize>state << 4)), bits);
  }
  markTestsWide(lists + <usize>load<u32>(rows + (<usize>state << 4), 4), bits);
}

// @ts-ignore: decorator
@inline function markTestsWide(list: usize, bits: usize): void {
  const count = <usize>load<u32>(list);
  for (let j: usize = 0; j < count; j++) markTest(bits, load<u32>(list + 4 + (j << 2)));
}

// @ts-ignore: decorator
@inline function markTests(list: usize, bits: usize): void {
  const count = <usize>load<u16>(list);
  for (let j: usize = 0; j < count; j++) markTest(bits, <u32>load<u16>(list + 2 + (j << 1)));
}

// @ts-ignore: decorator
@inline function markTest(bits: usize, test: u32): void {
  const word = bits + (<usize>(test >> 5) << 2);
  store<u32>(word, load<u32>(word) | (<u32>1 << (test & 31)));
}

/** Whether test `test` held in the last run into `bits`. */
// @ts-ignore: decorator
@inline export function testSetHas(bits: usize, test: i32): bool {
  return ((load<u32>(bits + (<usize>(<u32>test >> 5) << 2)) >> (<u32>test & 31)) & 1) != 0;
}

const address = memory.data(16);
const network = memory.data(16);

/**
 * Sets bit k of the `bits` words for each test k whose address list contains `s` (address text; none when it is
 * ABSENT or not an address). The table format is documented in compiler/address-set.ts (`runAddressSet`).
 */
export function addressSetRun(table: usize, s: Str, bits: usize): void {
  memory.fill(bits, 0, <usize>load<u16>(table) << 2);
  // ABSENT has no bytes, which is not an address.
  if (!parseIp(strPtr(s), strLen(s), address)) return;
  const groups = <usize>load<u16>(table, 2);
  const entries = table + 4 + groups * 6;
  for (let g: usize = 0; g < groups; g++) {
    const group = table + 4 + g * 6;
    maskAddress(<u32>load<u8>(group));
    const hiKey = bswap<u64>(load<u64>(network));
    const loKey = bswap<u64>(load<u64>(network, 8));
    let lo = <usize>load<u16>(group, 2);
    const end = lo + <usize>load<u16>(group, 4);
    let hi = end;
    // The first entry not below the network: entries compare as two big-endian u64 halves.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const entry = entries + mid * 18;
      const hiEntry = bswap<u64>(load<u64>(entry));
      if (hiEntry < hiKey || (hiEntry == hiKey && bswap<u64>(load<u64>(entry, 8)) < loKey)) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < end; lo++) {
      const entry = entries + lo * 18;
      if (load<u64>(entry) != load<u64>(network) || load<u64>(entry, 8) != load<u64>(network, 8)) break;
      markTest(bits, <u32>load<u16>(entry, 16));
    }
  }
}

/** `network` = `address` with the bits after `prefix` cleared. */
function maskAddress(prefix: u32): void {
  for (let i: u32 = 0; i < 16; i++) {
    const keep = prefix >= (i + 1) * 8 ? 8 : prefix > i * 8 ? prefix - i * 8 : 0;
    store<u8>(network + <usize>i, load<u8>(address + <usize>i) & <u8>((<u32>0xff << (8 - keep)) & 0xff));
  }
}
