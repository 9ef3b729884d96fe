import { GROUP_OP, GROUP_PROGRAM_HEADER } from "./group-program.js";

/**
 * The fast form of a match-group program, for "one-pass" patterns (after RE2's onepass.cc): anchored with `^`,
 * and such that at every point of the subject at most one way through the pattern can read the next byte. Then
 * the groups need no thread list: one state, and one table lookup per byte, as for the DFA, plus the saves on the
 * way. Most patterns written to take groups out of a path or a host are like this (`^/old/(.*)$`,
 * `^([a-z0-9-]+)[.]example[.]com$`, `^/v(\d+)/`); the others run as the Pike VM of group-program.ts.
 *
 * A state is what the Pike VM would do next from one instruction: the instructions it reaches without reading a
 * byte (its closure), in priority order, each with the saves and clears on the way to it. Computed here once per
 * state with the same depth-first walk and the same "first to reach an instruction keeps it" rule as the VM, so
 * both give the same groups (group-program.test.ts runs both against the reference).
 *
 * The program (all numbers little-endian u16):
 *
 *   offset  field
 *   0       state count Q
 *   2       slot count S
 *   4       start state
 *   6       offset of the byte sets (32 bytes each, as in group-program.ts)
 *   8       Q offsets: where each state's entries start
 *   ...     per state: entry count, then entries of 4 numbers: kind, set, next state, offset of its actions
 *             kind 1 CONSUME: the next byte is in `set`: do the actions, go to `next state`
 *             kind 3 MATCH, 4 MATCH_AT_END (only at the subject's end): the pattern matched here, after the actions
 *   ...     action lists: count, then per action (slot << 1) | clear: set slot to the offset, or clear the group
 *           whose first slot it is (both its slots to -1)
 *
 * runtime/match-groups.ts (matchGroupsOnePass) runs it; `runOnePass` below is the same algorithm for tests.
 */

interface Entry {
  readonly kind: number;
  readonly pc: number;
  readonly actions: readonly number[];
}

/** The one-pass form of a group program (group-program.ts), or undefined when the pattern is not one-pass. */
export function buildOnePass(program: Uint8Array): Uint8Array | undefined {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const slots = view.getUint16(2, true);
  const first = view.getUint16(4, true);
  const later = view.getUint16(6, true);
  const setsOffset = view.getUint16(8, true);
  // Unanchored alternatives start a thread at every offset: many threads at once.
  if (later !== 0xffff || first === 0xffff) return undefined;
  const at = (pc: number, field: number) => view.getUint16(GROUP_PROGRAM_HEADER + pc * 8 + field, true);
  const setOf = (index: number) => program.subarray(setsOffset + 32 * index, setsOffset + 32 * index + 32);

  // Closures cost states x instructions x actions at worst: past this budget the pattern keeps the Pike VM form, so
  // build time stays bounded (E0318 bounds the instructions).
  let budget = MAX_ONE_PASS_WORK;
  /** What the VM's addThread reaches from `start`, in its order, each instruction once. */
  const closure = (start: number): Entry[] => {
    const seen = new Set<number>();
    const out: Entry[] = [];
    const walk = (pc: number, actions: readonly number[]): void => {
      if (seen.has(pc)) return;
      seen.add(pc);
      budget -= 1 + actions.length;
      if (budget < 0) throw OVER_BUDGET;
      const op = at(pc, 0);
      if (op === GROUP_OP.split) {
        walk(at(pc, 2), actions);
        walk(at(pc, 4), actions);
      } else if (op === GROUP_OP.save) walk(at(pc, 2), [...actions, at(pc, 4) << 1]);
      else if (op === GROUP_OP.clear) walk(at(pc, 2), [...actions, ((2 * at(pc, 4)) << 1) | 1]);
      else out.push({ kind: op, pc, actions });
    };
    walk(start, []);
    return out;
  };

  // States by the instruction their closure starts at; the start state first.
  const stateOf = new Map<number, number>();
  const closures: Entry[][] = [];
  const queue: number[] = [];
  const state = (pc: number) => {
    let id = stateOf.get(pc);
    if (id === undefined) {
      id = closures.length;
      stateOf.set(pc, id);
      closures.push(closure(pc));
      queue.push(id);
    }
    return id;
  };
  try {
    return encode(slots, first, state, closures, queue, at, setOf, program, setsOffset);
  } catch (e) {
    if (e === OVER_BUDGET) return undefined;
    throw e;
  }
}

const MAX_ONE_PASS_WORK = 200_000;
const OVER_BUDGET = new Error("one-pass budget");

function encode(
  slots: number,
  first: number,
  state: (pc: number) => number,
  closures: Entry[][],
  queue: number[],
  at: (pc: number, field: number) => number,
  setOf: (index: number) => Uint8Array,
  program: Uint8Array,
  setsOffset: number,
): Uint8Array | undefined {
  state(first);
  const next = new Map<Entry, number>();
  while (queue.length > 0) {
    const entries = closures[queue.shift()!]!;
    const consumes = entries.filter((e) => e.kind === GROUP_OP.consume);
    // One-pass: no byte may be read by two of them.
    for (let i = 0; i < consumes.length; i++) {
      for (let j = i + 1; j < consumes.length; j++) {
        const a = setOf(at(consumes[i]!.pc, 4));
        const b = setOf(at(consumes[j]!.pc, 4));
        if (a.some((byte, k) => (byte & b[k]!) !== 0)) return undefined;
      }
    }
    for (const entry of consumes) next.set(entry, state(at(entry.pc, 2)));
    if (closures.length > 0xfff0) return undefined;
  }

  // Encoding: header, state offsets, entry lists, action lists, sets.
  const words: number[] = [closures.length, slots, 0, 0, ...closures.map(() => 0)];
  const actionLists = new Map<string, number>();
  const pending: { word: number; actions: readonly number[] }[] = [];
  closures.forEach((entries, s) => {
    words[4 + s] = words.length * 2;
    words.push(entries.length);
    for (const entry of entries) {
      const consume = entry.kind === GROUP_OP.consume;
      words.push(entry.kind, consume ? at(entry.pc, 4) : 0, consume ? next.get(entry)! : 0, 0);
      pending.push({ word: words.length - 1, actions: entry.actions });
    }
  });
  for (const { word, actions } of pending) {
    const key = actions.join(",");
    let offset = actionLists.get(key);
    if (offset === undefined) {
      offset = words.length * 2;
      actionLists.set(key, offset);
      words.push(actions.length, ...actions);
    }
    words[word] = offset;
  }
  words[3] = words.length * 2;
  const setCount = (program.length - setsOffset) / 32;
  const bytes = new Uint8Array(words.length * 2 + 32 * setCount);
  const out = new DataView(bytes.buffer);
  // Offsets are u16: a program past 64 KiB keeps the Pike VM form, which E0318 already bounds.
  if (bytes.length > 0xffff || words.some((word) => word > 0xffff)) return undefined;
  words.forEach((word, i) => out.setUint16(2 * i, word, true));
  bytes.set(program.subarray(setsOffset), words.length * 2);
  return bytes;
}

/**
 * The reference runner of a one-pass program: the algorithm of matchGroupsOnePass, less its skip through loops that
 * save nothing (which gives the same groups).
 */
export function runOnePass(program: Uint8Array, input: Uint8Array): Int32Array | undefined {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const word = (offset: number) => view.getUint16(offset, true);
  const slots = word(2);
  const sets = word(6);
  const work = new Int32Array(slots).fill(-1);
  let best: Int32Array | undefined;
  const apply = (to: Int32Array, actions: number, pos: number) => {
    for (let i = 0; i < word(actions); i++) {
      const action = word(actions + 2 + 2 * i);
      if ((action & 1) !== 0) to[action >> 1] = to[(action >> 1) + 1] = -1;
      else to[action >> 1] = pos;
    }
  };
  let state = word(4);
  for (let pos = 0; ; pos++) {
    const entries = word(8 + 2 * state);
    // The entry that reads the next byte; its actions wait until the matches here have taken the slots as they are.
    let taken = -1;
    for (let e = 0; e < word(entries); e++) {
      const entry = entries + 2 + 8 * e;
      const kind = word(entry);
      if (kind === GROUP_OP.consume) {
        if (taken >= 0 || pos === input.length) continue;
        const byte = input[pos]!;
        if (((program[sets + 32 * word(entry + 2) + (byte >> 3)]! >> (byte & 7)) & 1) !== 0) taken = entry;
      } else if ((kind === GROUP_OP.match || pos === input.length) && (best === undefined || pos > best[1]!)) {
        best = work.slice();
        apply(best, word(entry + 6), pos);
      }
    }
    if (taken < 0) return best;
    apply(work, word(taken + 6), pos);
    state = word(taken + 4);
  }
}
