/**
 * The compiled form of a regex: one byte array that the lowering places in the filter's static memory and that
 * runtime/regex.ts (and `matchTable` in match.ts) interpret. All multi-byte numbers are little-endian u16.
 *
 *   offset      size  field
 *   0           1     format: bit 0 = state ids are u16 (set when there are 256 states or more; else u8);
 *                     bits 1-2 = L, log2 of the bits per entry of the byte map (L = 0..3: 1, 2, 4 or 8 bits)
 *   1           1     class count - 1 (1..256 classes)
 *   2           2     state count
 *   4           2     start state
 *   6           2     MATCHED state: the match is certain, stop with true (0xFFFF = none)
 *   8           2     DEAD state: no match is possible any more, stop with false (0xFFFF = none)
 *   10          M     byte -> class map, M = 32 << L bytes. Entry b is packed little-end first:
 *                       class(b) = (map[b >> (3 - L)] >> ((b & ((8 >> L) - 1)) << L)) & ((1 << (1 << L)) - 1)
 *                     so 2 classes cost 32 bytes, up to 4 cost 64, up to 16 cost 128, more cost 256.
 *   10+M        A     accept-at-end bits, A = ceil(states / 8): state s accepts when the input ends in it if
 *                     bit (s & 7) of byte (s >> 3) is set. The MATCHED state has its bit set.
 *   10+M+A      T     transitions, row-major: the next state of (s, c) is entry s * classes + c, each 1 or 2 bytes.
 *
 * Matching: s = start; for each input byte, stop with true if s is MATCHED and false if s is DEAD, else
 * s = next(s, class(byte)); at the end of the input the result is the accept-at-end bit of s.
 * MATCHED and DEAD are each the single state of the minimal DFA that loops to itself on every class, accepting or
 * not; every other state can still go either way.
 */
import type { Dfa } from "./dfa.js";

export const HEADER_SIZE = 10;
export const NO_STATE = 0xffff;
export const WIDE_IDS = 1;

/** The decoded header plus the offsets of the table's sections. */
export interface TableLayout {
  readonly wide: boolean;
  readonly mapLog: number;
  readonly classCount: number;
  readonly stateCount: number;
  readonly start: number;
  readonly matched: number;
  readonly dead: number;
  readonly mapOffset: number;
  readonly acceptOffset: number;
  readonly transitionOffset: number;
  readonly byteLength: number;
}

export function encodeTable(dfa: Dfa): Uint8Array {
  const states = dfa.stateCount;
  const classes = dfa.classes.count;
  const wide = states >= 256;
  const mapLog = classes <= 2 ? 0 : classes <= 4 ? 1 : classes <= 16 ? 2 : 3;
  const layout = layoutOf(wide, mapLog, classes, states);
  const table = new Uint8Array(layout.byteLength);
  const view = new DataView(table.buffer);

  table[0] = (wide ? WIDE_IDS : 0) | (mapLog << 1);
  table[1] = classes - 1;
  view.setUint16(2, states, true);
  view.setUint16(4, dfa.start, true);
  view.setUint16(6, selfLoopState(dfa, 1), true);
  view.setUint16(8, selfLoopState(dfa, 0), true);

  const perByte = 8 >> mapLog;
  for (let b = 0; b < 256; b++) {
    table[layout.mapOffset + Math.floor(b / perByte)]! |= dfa.classes.classOf[b]! << ((b % perByte) << mapLog);
  }
  for (let s = 0; s < states; s++) {
    if (dfa.acceptAtEnd[s]) table[layout.acceptOffset + (s >> 3)]! |= 1 << (s & 7);
  }
  for (let i = 0; i < states * classes; i++) {
    const next = dfa.transitions[i]!;
    if (wide) view.setUint16(layout.transitionOffset + 2 * i, next, true);
    else table[layout.transitionOffset + i] = next;
  }
  return table;
}

export function decodeLayout(table: Uint8Array): TableLayout {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const layout = layoutOf((table[0]! & WIDE_IDS) !== 0, (table[0]! >> 1) & 3, table[1]! + 1, view.getUint16(2, true));
  return { ...layout, start: view.getUint16(4, true), matched: view.getUint16(6, true), dead: view.getUint16(8, true) };
}

function layoutOf(wide: boolean, mapLog: number, classCount: number, stateCount: number): TableLayout {
  const mapOffset = HEADER_SIZE;
  const acceptOffset = mapOffset + (32 << mapLog);
  const transitionOffset = acceptOffset + ((stateCount + 7) >> 3);
  const byteLength = transitionOffset + stateCount * classCount * (wide ? 2 : 1);
  return { wide, mapLog, classCount, stateCount, start: 0, matched: NO_STATE, dead: NO_STATE, mapOffset, acceptOffset, transitionOffset, byteLength };
}

/** The state that loops to itself on every class with the given acceptance, or NO_STATE. */
function selfLoopState(dfa: Dfa, accepting: number): number {
  const k = dfa.classes.count;
  for (let s = 0; s < dfa.stateCount; s++) {
    if (dfa.acceptAtEnd[s] !== accepting) continue;
    let loops = true;
    for (let c = 0; c < k && loops; c++) loops = dfa.transitions[s * k + c] === s;
    if (loops) return s;
  }
  return NO_STATE;
}
