import { ByteSet } from "./byteset.js";
import { computeByteClasses } from "./classes.js";
import { classesOfLabels } from "./dfa.js";
import { MATCH_AT_END, MATCH_NOW, NfaBuilder, SPLIT, type Nfa } from "./nfa.js";
import { parseRegex } from "./parse.js";
import { SequenceMap } from "./sequence-map.js";
import { concatNode, setNode, type TopAlternative } from "./syntax.js";

/**
 * A test set: many constant tests on one value (`==`, `starts_with`, `ends_with`, `contains`, `matches`) compiled
 * into one automaton that answers all of them in a single pass over the value. A request then costs one pass per
 * tested field, however many rules test it; each rule only looks up its test's bit.
 *
 * The automaton is a DFA with outputs (a Moore machine): entering a state may complete some tests (`now`: their
 * result is certain from here on), and the input ending in a state completes others (`end`, for `$` and `==`).
 * A completed test's NFA states are dropped from the subset, which keeps the automaton close to a trie of the
 * constants. Its rows are mostly one target (the DEAD state) with a few exceptions, so they are stored
 * overlapped ("row displacement", as in lex and yacc tables): row s keeps its exceptions at slots base(s) + class,
 * each slot saying which state owns it, and every other class goes to the row's default. The table format:
 *
 *   offset      size  field (numbers little-endian u16)
 *   0           1     0 (format)
 *   1           1     class count - 1
 *   2           2     state count S
 *   4           2     start state
 *   6           2     DEAD state: no test can complete any more (0xFFFF = none)
 *   8           2     words: the result bitset's size in u32 words (bit k = test k)
 *   10          2     slot count N
 *   12          256   byte -> class, one byte each
 *   268         8S    per state: offset of its `now` list, offset of its `end` list (into the lists), default
 *                     next state, base slot
 *   268+8S      4N    slots: owner state (0xFFFF = free), next state
 *   268+8S+4N   L     lists: count, then test ids; the list at offset 0 is empty
 *
 * next(s, c) = owner(base(s) + c) == s ? next(base(s) + c) : default(s).
 * Running: clear the bits; s = start; set now(s); for each byte (stopping at DEAD): s = next(s, class(byte)),
 * set now(s); at the end set end(s). `runTestSet` below is the reference; runtime/test-set.ts the same in wasm.
 *
 * A set too large for 16-bit fields (65,535 states, slots or list entries: about 5,000 path-like constants) takes
 * the wide format (format byte 1), the same fields as u32, so that one set, one pass over the value, answers all
 * the tests of a value however many there are (runtime/test-set.ts `testSetRunWide`):
 *
 *   offset      size  field (numbers little-endian u32 from offset 4)
 *   0           1     1 (format)
 *   1           1     class count - 1
 *   2           2     0
 *   4           4     state count S
 *   8           4     start state
 *   12          4     DEAD state (0xFFFFFFFF = none)
 *   16          4     words
 *   20          4     slot count N
 *   24          256   byte -> class
 *   280         16S   per state: `now` list offset, `end` list offset, default next state, base slot
 *   280+16S     8N    slots: owner state (0xFFFFFFFF = free), next state
 *   280+16S+8N  L     lists: count, then test ids; the list at offset 0 is empty
 */
export type TestPattern =
  | { readonly kind: "equals" | "prefix" | "suffix" | "contains"; readonly value: Uint8Array }
  | { readonly kind: "regex"; readonly pattern: string };

export const TEST_SET_HEADER = 12;
/** The format byte (offset 0) of a table with u32 fields; 0 is the u16 format. */
export const TEST_SET_WIDE = 1;
const WIDE_HEADER = 24;
const MAP_SIZE = 256;
const NONE = 0xffff;
const WIDE_NONE = 0xffffffff;
/** A free slot of a table being packed. */
const FREE = -1;

/** Whether a table is in the wide (u32) format, which runtime/test-set.ts runs with `testSetRunWide`. */
export function isWideTestSet(table: Uint8Array): boolean {
  return table[0] === TEST_SET_WIDE;
}

/** The table, or undefined when the automaton would need more than `maxStates` states. */
export function compileTestSet(patterns: readonly TestPattern[], maxStates: number): Uint8Array | undefined {
  const { nfa, owner } = buildTestSetNfa(patterns);
  const classes = computeByteClasses(nfa);
  const k = classes.count;
  const labelClasses = classesOfLabels(nfa, classes);

  const idOfKey = new SequenceMap<number>();
  const members: Int32Array[] = [];
  const now: number[][] = [];
  const end: number[][] = [];
  /** transitions[state * k + class]: the next state. */
  let transitions = new Int32Array(64 * k);

  // Scratch of stateOf, reused: construction makes a state per trie node of the constants, tens of thousands for a
  // large rule file, so it allocates only what a new state keeps.
  const visited = new Int32Array(nfa.kind.length);
  const completedIn = new Int32Array(patterns.length);
  let generation = 0;
  const stack: number[] = [];
  const found: number[] = [];
  const completed: number[] = [];
  /** The state reached from seeds[from, to): its epsilon closure minus the tests completed on entering it. */
  const stateOf = (seeds: ArrayLike<number>, from: number, to: number): number => {
    generation++;
    stack.length = 0;
    found.length = 0;
    completed.length = 0;
    for (let i = from; i < to; i++) stack.push(seeds[i]!);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (visited[s] === generation) continue;
      visited[s] = generation;
      const kind = nfa.kind[s];
      if (kind === SPLIT) for (const t of nfa.next[s]!) stack.push(t);
      else if (kind === MATCH_NOW) {
        if (completedIn[owner[s]!] !== generation) {
          completedIn[owner[s]!] = generation;
          completed.push(owner[s]!);
        }
      } else found.push(s);
    }
    let kept = 0;
    for (const s of found) if (completedIn[owner[s]!] !== generation) found[kept++] = s;
    found.length = kept;
    found.sort(byNumber);
    completed.sort(byNumber);
    const key = new Int32Array(kept + 1 + completed.length);
    for (let i = 0; i < kept; i++) key[i] = found[i]!;
    key[kept] = -1;
    for (let i = 0; i < completed.length; i++) key[kept + 1 + i] = completed[i]!;
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = members.length;
      idOfKey.set(key, id, true);
      members.push(key.subarray(0, kept));
      now.push(completed.slice());
      end.push(endTests(found));
    }
    return id;
  };

  /** The tests the input ending in a state with NFA states `found` completes, sorted, each once. */
  const endTests = (found: readonly number[]): number[] => {
    // Most states of a large set complete nothing at the end: no array for them but the shared empty one.
    let ids: number[] | undefined;
    for (const s of found) if (nfa.kind[s] === MATCH_AT_END) (ids ??= []).push(owner[s]!);
    if (ids === undefined) return NO_TESTS;
    if (ids.length === 1) return ids;
    ids.sort(byNumber);
    let length = 1;
    for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[length - 1]) ids[length++] = ids[i]!;
    ids.length = length;
    return ids;
  };

  const start = stateOf([nfa.start], 0, 1);
  // Per state, the seeds (targets before closure) of class c are seeds[seedStart[c] .. seedStart[c + 1]), sorted
  // and deduplicated; classes without seeds go to the state of the empty set, the DEAD state.
  const seedsOf = new SequenceMap<number>();
  const seedStart = new Int32Array(k + 1);
  const seedEnd = new Int32Array(k);
  let seeds = new Int32Array(64);
  let deadState = -1;
  for (let state = 0; state < members.length; state++) {
    if (members.length > maxStates) return undefined;
    if (transitions.length < (state + 1) * k) {
      const grown = new Int32Array(2 * transitions.length);
      grown.set(transitions);
      transitions = grown;
    }
    seedStart.fill(0);
    const set = members[state]!;
    for (const s of set) for (const c of labelClasses[s] ?? []) seedStart[c + 1]!++;
    for (let c = 0; c < k; c++) seedStart[c + 1]! += seedStart[c]!;
    if (seeds.length < seedStart[k]!) seeds = new Int32Array(2 * seedStart[k]!);
    seedEnd.set(seedStart.subarray(0, k));
    for (const s of set) for (const c of labelClasses[s] ?? []) seeds[seedEnd[c]!++] = nfa.next[s]![0]!;
    for (let c = 0; c < k; c++) {
      const from = seedStart[c]!;
      const to = seedStart[c + 1]!;
      if (from === to) {
        if (deadState < 0) deadState = stateOf([], 0, 0);
        transitions[state * k + c] = deadState;
        continue;
      }
      const length = sortUnique(seeds, from, to);
      let target = seedsOf.getRange(seeds, from, length);
      if (target === undefined) {
        target = stateOf(seeds, from, from + length);
        seedsOf.set(seeds.slice(from, from + length), target, true);
      }
      transitions[state * k + c] = target;
    }
  }
  if (members.length > maxStates) return undefined;
  const dead = members.findIndex((set, s) => set.length === 0 && now[s]!.length === 0);
  return encode({ classOf: classes.classOf, classCount: k, start, dead, transitions, now, end, tests: patterns.length });
}

const byNumber = (a: number, b: number) => a - b;
/** Shared by every state that completes no test at the end; never written to. */
const NO_TESTS: number[] = [];

/** Sorts seeds[from, to) and moves its distinct values to the front; returns how many there are. */
function sortUnique(seeds: Int32Array, from: number, to: number): number {
  if (to - from <= 16) {
    for (let i = from + 1; i < to; i++) {
      const v = seeds[i]!;
      let j = i - 1;
      for (; j >= from && seeds[j]! > v; j--) seeds[j + 1] = seeds[j]!;
      seeds[j + 1] = v;
    }
  } else seeds.subarray(from, to).sort();
  let length = 1;
  for (let i = from + 1; i < to; i++) if (seeds[i] !== seeds[from + length - 1]) seeds[from + length++] = seeds[i]!;
  return length;
}

interface TestSetAutomaton {
  readonly classOf: Uint8Array;
  readonly classCount: number;
  readonly start: number;
  readonly dead: number;
  readonly transitions: Int32Array;
  readonly now: readonly (readonly number[])[];
  readonly end: readonly (readonly number[])[];
  readonly tests: number;
}

function encode(a: TestSetAutomaton): Uint8Array {
  const states = a.now.length;
  const k = a.classCount;
  const lists: number[] = [0];
  const offsetOf = new Map<string, number>([["", 0]]);
  const listOffset = (ids: readonly number[]): number => {
    const key = ids.join(",");
    let offset = offsetOf.get(key);
    if (offset === undefined) {
      offset = lists.length * 2;
      offsetOf.set(key, offset);
      lists.push(ids.length, ...ids);
    }
    return offset;
  };
  const outputs = a.now.map((ids, s) => [listOffset(ids), listOffset(a.end[s]!)] as const);
  const { defaults, bases, owner, next } = packRows(a.transitions, states, k);
  const slots = owner.length;
  if (lists.length * 2 > NONE || slots > NONE || states >= NONE) return encodeWide(a, lists, outputs, { defaults, bases, owner, next });
  const outputsAt = TEST_SET_HEADER + MAP_SIZE;
  const slotsAt = outputsAt + 8 * states;
  const listsAt = slotsAt + 4 * slots;
  const table = new Uint8Array(listsAt + lists.length * 2);
  const view = new DataView(table.buffer);
  table[1] = k - 1;
  view.setUint16(2, states, true);
  view.setUint16(4, a.start, true);
  view.setUint16(6, a.dead < 0 ? NONE : a.dead, true);
  view.setUint16(8, Math.ceil(a.tests / 32), true);
  view.setUint16(10, slots, true);
  table.set(a.classOf, TEST_SET_HEADER);
  for (let s = 0; s < states; s++) {
    const at = outputsAt + 8 * s;
    view.setUint16(at, outputs[s]![0], true);
    view.setUint16(at + 2, outputs[s]![1], true);
    view.setUint16(at + 4, defaults[s]!, true);
    view.setUint16(at + 6, bases[s]!, true);
  }
  for (let i = 0; i < slots; i++) {
    view.setUint16(slotsAt + 4 * i, owner[i] === FREE ? NONE : owner[i]!, true);
    view.setUint16(slotsAt + 4 * i + 2, next[i]!, true);
  }
  lists.forEach((value, i) => view.setUint16(listsAt + 2 * i, value, true));
  return table;
}

/** The wide format (see the top of the file): the fields of `encode`'s table as u32, list offsets in bytes. */
function encodeWide(a: TestSetAutomaton, lists: readonly number[], outputs: readonly (readonly [number, number])[], rows: PackedRows): Uint8Array {
  const states = a.now.length;
  const slots = rows.owner.length;
  const outputsAt = WIDE_HEADER + MAP_SIZE;
  const slotsAt = outputsAt + 16 * states;
  const listsAt = slotsAt + 8 * slots;
  const table = new Uint8Array(listsAt + lists.length * 4);
  const view = new DataView(table.buffer);
  table[0] = TEST_SET_WIDE;
  table[1] = a.classCount - 1;
  view.setUint32(4, states, true);
  view.setUint32(8, a.start, true);
  view.setUint32(12, a.dead < 0 ? WIDE_NONE : a.dead, true);
  view.setUint32(16, Math.ceil(a.tests / 32), true);
  view.setUint32(20, slots, true);
  table.set(a.classOf, WIDE_HEADER);
  for (let s = 0; s < states; s++) {
    const at = outputsAt + 16 * s;
    // `encode` counted list offsets in u16 units; here each unit is a u32.
    view.setUint32(at, outputs[s]![0] * 2, true);
    view.setUint32(at + 4, outputs[s]![1] * 2, true);
    view.setUint32(at + 8, rows.defaults[s]!, true);
    view.setUint32(at + 12, rows.bases[s]!, true);
  }
  for (let i = 0; i < slots; i++) {
    view.setUint32(slotsAt + 8 * i, rows.owner[i] === FREE ? WIDE_NONE : rows.owner[i]!, true);
    view.setUint32(slotsAt + 8 * i + 4, rows.next[i]!, true);
  }
  lists.forEach((value, i) => view.setUint32(listsAt + 4 * i, value, true));
  return table;
}

interface PackedRows {
  readonly defaults: Int32Array;
  readonly bases: Int32Array;
  readonly owner: Int32Array;
  readonly next: Int32Array;
}

/**
 * Row displacement: each row's most common target becomes its default; the rest are packed first-fit, rows with the
 * most exceptions first (they are the hardest to fit). A row's lowest exception class must land on a free slot, so
 * the candidate bases are found by walking the free slots (`FreeSlots`) rather than every base in turn: rows that do
 * not fit an early hole no longer rescan the occupied stretch after it, which made packing quadratic in the states.
 * The placement is the same first fit as a base-by-base scan.
 */
function packRows(transitions: Int32Array, states: number, k: number): PackedRows {
  const defaults = new Int32Array(states);
  const bases = new Int32Array(states);
  const exceptionCount = new Int32Array(states);
  const row = new Int32Array(k);
  for (let s = 0; s < states; s++) {
    // Most rows go mostly to one state (DEAD): a majority is the most common target, found without sorting.
    let candidate = transitions[s * k]!;
    for (let c = 1, votes = 1; c < k; c++) {
      const target = transitions[s * k + c]!;
      if (votes === 0) [candidate, votes] = [target, 1];
      else votes += target === candidate ? 1 : -1;
    }
    let count = 0;
    for (let c = 0; c < k; c++) if (transitions[s * k + c] === candidate) count++;
    if (2 * count > k) {
      defaults[s] = candidate;
      exceptionCount[s] = k - count;
      continue;
    }
    for (let c = 0; c < k; c++) row[c] = transitions[s * k + c]!;
    row.sort();
    let best = row[0]!;
    let bestRun = 0;
    for (let i = 0, run = 0; i < k; i++) {
      run = i > 0 && row[i] === row[i - 1] ? run + 1 : 1;
      if (run > bestRun) [best, bestRun] = [row[i]!, run];
    }
    defaults[s] = best;
    exceptionCount[s] = k - bestRun;
  }
  const slots = new FreeSlots();
  let used = 0;
  const order = Array.from({ length: states }, (_, s) => s).sort((x, y) => exceptionCount[y]! - exceptionCount[x]! || x - y);
  const classes = new Int32Array(k);
  for (const s of order) {
    if (exceptionCount[s] === 0) break;
    let count = 0;
    for (let c = 0; c < k; c++) if (transitions[s * k + c] !== defaults[s]) classes[count++] = c;
    const first = classes[0]!;
    let base: number;
    for (let slot = slots.nextFree(first); ; slot = slots.nextFree(slot + 1)) {
      base = slot - first;
      let fits = true;
      for (let i = 1; i < count && fits; i++) fits = slots.isFree(base + classes[i]!);
      if (fits) break;
    }
    bases[s] = base;
    for (let i = 0; i < count; i++) slots.take(base + classes[i]!, s, transitions[s * k + classes[i]!]!);
    used = Math.max(used, base + k);
  }
  // Every row looks at base + class for all classes, so the slots reach past the highest base by k.
  used = Math.max(used, k);
  return { defaults, bases, owner: slots.owners(used), next: slots.targets(used) };
}

/**
 * The slots of a row-displacement table: owner and target per slot, and the lowest free slot at or after any slot
 * in near-constant time (a disjoint-set forest where a taken slot points past itself, with path halving).
 */
class FreeSlots {
  /** -1: free (state ids of wide tables reach 0xFFFF). */
  private owner = new Int32Array(1024).fill(FREE);
  private next = new Int32Array(1024);
  /** freeFrom[i] leads towards the lowest free slot >= i; it is i itself when i is free. */
  private freeFrom = Int32Array.from({ length: 1024 }, (_, i) => i);

  nextFree(slot: number): number {
    this.reserve(slot + 1);
    let at = slot;
    while (this.freeFrom[at] !== at) {
      const ahead = this.freeFrom[at]!;
      this.reserve(ahead + 1);
      const further = this.freeFrom[ahead]!;
      this.freeFrom[at] = further;
      at = further;
    }
    return at;
  }

  isFree(slot: number): boolean {
    return slot >= this.owner.length || this.owner[slot] === FREE;
  }

  take(slot: number, owner: number, next: number): void {
    this.reserve(slot + 2);
    this.owner[slot] = owner;
    this.next[slot] = next;
    this.freeFrom[slot] = slot + 1;
  }

  owners(length: number): Int32Array {
    this.reserve(length);
    return this.owner.subarray(0, length);
  }

  targets(length: number): Int32Array {
    this.reserve(length);
    return this.next.subarray(0, length);
  }

  private reserve(size: number): void {
    if (size <= this.owner.length) return;
    const length = Math.max(size, 2 * this.owner.length);
    const owner = new Int32Array(length).fill(FREE);
    owner.set(this.owner);
    const next = new Int32Array(length);
    next.set(this.next);
    // A plain loop: Int32Array.from with a mapping function goes through the iterator protocol per element.
    const freeFrom = new Int32Array(length);
    freeFrom.set(this.freeFrom);
    for (let i = this.freeFrom.length; i < length; i++) freeFrom[i] = i;
    [this.owner, this.next, this.freeFrom] = [owner, next, freeFrom];
  }
}

/**
 * The reference interpreter: which tests hold for `input` (undefined = the value is absent: none hold). Both formats
 * have the same layout in fields of 2 or 4 bytes: a header of 6 fields (states at field 1, start 2, dead 3, slot
 * count 5), the byte map, rows of 4 fields per state (the lists at its entry and at the end, the default next
 * state, its first slot), slots of 2 (owner, next), and lists (a count, then test numbers).
 */
export function runTestSet(table: Uint8Array, input: Uint8Array | undefined): Set<number> {
  const result = new Set<number>();
  if (input === undefined) return result;
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const f = isWideTestSet(table) ? 4 : 2;
  const read = (at: number) => (f === 4 ? view.getUint32(at, true) : view.getUint16(at, true));
  const header = 6 * f;
  const dead = read(3 * f);
  const rowsAt = header + MAP_SIZE;
  const row = (state: number, field: number) => read(rowsAt + 4 * f * state + f * field);
  const slotsAt = rowsAt + 4 * f * read(f);
  const listsAt = slotsAt + 2 * f * read(5 * f);
  const mark = (offset: number) => {
    const count = read(listsAt + offset);
    for (let j = 0; j < count; j++) result.add(read(listsAt + offset + f * (j + 1)));
  };
  let s = read(2 * f);
  mark(row(s, 0));
  for (let i = 0; i < input.length && s !== dead; i++) {
    const slot = slotsAt + 2 * f * (row(s, 3) + table[header + input[i]!]!);
    s = read(slot) === s ? read(slot + f) : row(s, 2);
    mark(row(s, 0));
  }
  mark(row(s, 1));
  return result;
}

/** One NFA for all the tests; `owner[s]` is the test that state `s` belongs to (-1 for the shared search loop). */
function buildTestSetNfa(patterns: readonly TestPattern[]): { nfa: Nfa; owner: Int32Array } {
  const builder = new NfaBuilder();
  const ownerOf: number[] = [];
  const byteSets = new Map<number, ByteSet>();
  const literal = (bytes: Uint8Array) => concatNode(Array.from(bytes, (b) => setNode(byteSets.get(b) ?? byteSets.set(b, ByteSet.of(b)).get(b)!)));
  patterns.forEach((pattern, test) => {
    const first = builder.kind.length;
    builder.addPattern(alternativesOf(pattern, literal));
    for (let s = first; s < builder.kind.length; s++) ownerOf[s] = test;
  });
  const nfa = builder.finish();
  const owner = new Int32Array(nfa.kind.length).fill(-1);
  ownerOf.forEach((test, s) => (owner[s] = test));
  return { nfa, owner };
}

function alternativesOf(pattern: TestPattern, literal: (bytes: Uint8Array) => TopAlternative["body"]): readonly TopAlternative[] {
  if (pattern.kind === "regex") {
    const parsed = parseRegex(pattern.pattern);
    if (!parsed.ok) throw new Error(`internal: regex ${pattern.pattern} passed the checker but does not parse`);
    return parsed.regex.alternatives;
  }
  const body = literal(pattern.value);
  const anchoredStart = pattern.kind === "equals" || pattern.kind === "prefix";
  const anchoredEnd = pattern.kind === "equals" || pattern.kind === "suffix";
  return [{ anchoredStart, anchoredEnd, body }];
}
