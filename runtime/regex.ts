// AssemblyScript: the runtime half of `matches`. Compiled by asc, not tsc.
//
// Interprets a DFA table built by compiler/regex (the format is documented in compiler/regex/table.ts; the
// reference interpreter with the same algorithm is `matchTable` in compiler/regex/match.ts). The table lives in
// static memory (`memory.data<u8>([...])`), so this reads it with plain loads: no allocation, no strings, no
// arrays, nothing that can abort. One pass over the input with constant work per byte, stopping early once the
// match is certain (MATCHED state) or impossible (DEAD state).

/** True when the pattern whose table is at `table` matches (searches) the `length` bytes at `input`. */
export function regexMatch(table: usize, input: usize, length: i32): bool {
  const format = <u32>load<u8>(table);
  const wide = (format & 1) != 0;
  const mapLog = (format >> 1) & 3;
  const classCount = <u32>load<u8>(table, 1) + 1;
  const stateCount = <u32>load<u16>(table, 2);
  const matched = <u32>load<u16>(table, 6);
  const dead = <u32>load<u16>(table, 8);
  const map = table + 10;
  const accept = map + (<usize>32 << mapLog);
  const transitions = accept + ((stateCount + 7) >> 3);
  // The byte map packs 8 >> mapLog entries of (1 << mapLog) bits into each byte.
  const indexShift = 3 - mapLog;
  const lowMask = (<u32>8 >> mapLog) - 1;
  const classMask = (<u32>1 << (<u32>1 << mapLog)) - 1;

  let state = <u32>load<u16>(table, 4);
  for (let i = 0; i < length; i++) {
    if (state == matched) return true;
    if (state == dead) return false;
    const b = <u32>load<u8>(input + <usize>i);
    const cls = (<u32>load<u8>(map + <usize>(b >> indexShift)) >> ((b & lowMask) << mapLog)) & classMask;
    const cell = <usize>(state * classCount + cls);
    state = wide ? <u32>load<u16>(transitions + (cell << 1)) : <u32>load<u8>(transitions + cell);
  }
  return ((<u32>load<u8>(accept + <usize>(state >> 3)) >> (state & 7)) & 1) != 0;
}
