import { decodeLayout } from "./table.js";

/**
 * The reference interpreter: exactly the algorithm of runtime/regex.ts, over the format documented in table.ts.
 * One pass over the input, constant work per byte, early exit on the MATCHED and DEAD states.
 */
export function matchTable(table: Uint8Array, input: Uint8Array): boolean {
  const t = decodeLayout(table);
  const shiftIndex = 3 - t.mapLog;
  const lowMask = (8 >> t.mapLog) - 1;
  const classMask = (1 << (1 << t.mapLog)) - 1;
  let s = t.start;
  for (let i = 0; i < input.length; i++) {
    if (s === t.matched) return true;
    if (s === t.dead) return false;
    const b = input[i]!;
    const c = (table[t.mapOffset + (b >> shiftIndex)]! >> ((b & lowMask) << t.mapLog)) & classMask;
    const cell = s * t.classCount + c;
    s = t.wide ? table[t.transitionOffset + 2 * cell]! | (table[t.transitionOffset + 2 * cell + 1]! << 8) : table[t.transitionOffset + cell]!;
  }
  return ((table[t.acceptOffset + (s >> 3)]! >> (s & 7)) & 1) !== 0;
}

/** The pattern matches every input (e.g. `.*`, `""`, `x*`): the start state is the MATCHED state. */
export function isTriviallyTrue(table: Uint8Array): boolean {
  const t = decodeLayout(table);
  return t.start === t.matched;
}
