import type { ByteSet } from "./byteset.js";
import type { ByteClasses } from "./classes.js";
import { CONSUME, MATCH_AT_END, MATCH_NOW, SPLIT, type Nfa } from "./nfa.js";
import { SequenceMap } from "./sequence-map.js";

/**
 * A complete DFA over byte classes. Acceptance is only at the end of input (`acceptAtEnd`); a state from which
 * the match is already certain accepts and loops to itself on every class, so the usual end-of-input rule gives
 * search semantics, and early exits are derived later from the shape of the minimal automaton.
 */
export interface Dfa {
  readonly stateCount: number;
  readonly classes: ByteClasses;
  readonly start: number;
  /** row-major: `transitions[state * classes.count + class]` */
  readonly transitions: Int32Array;
  /** 1 when reaching the end of input in this state means a match */
  readonly acceptAtEnd: Uint8Array;
}

/** Marks a closure that contains MATCH_NOW: all such sets are the one "matched" state. */
const MATCHED = null;
type Closure = Int32Array | typeof MATCHED;

/**
 * Subset construction. Returns undefined when more than `limit` states would be needed, which bounds build
 * time for patterns with exponential automata.
 */
export function buildDfa(nfa: Nfa, classes: ByteClasses, limit: number): Dfa | undefined {
  const k = classes.count;
  const labelClasses = classesOfLabels(nfa, classes);
  const idOfSet = new SequenceMap<number>();
  const members: (Int32Array | undefined)[] = [];
  let transitions = new Int32Array(64 * k);
  const acceptAtEnd: number[] = [];
  let matched = -1;
  let overLimit = false;

  const visited = new Int32Array(nfa.kind.length);
  let generation = 0;
  /** The sorted consume and match-at-end states reachable by epsilon edges, or MATCHED. */
  const closure = (seeds: ArrayLike<number>): Closure => {
    generation++;
    const found: number[] = [];
    const stack: number[] = [];
    for (let i = 0; i < seeds.length; i++) stack.push(seeds[i]!);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (visited[s] === generation) continue;
      visited[s] = generation;
      const kind = nfa.kind[s];
      if (kind === SPLIT) for (const t of nfa.next[s]!) stack.push(t);
      else if (kind === MATCH_NOW) return MATCHED;
      else found.push(s);
    }
    return Int32Array.from(found).sort();
  };

  const newState = (accepting: boolean): number => {
    if (acceptAtEnd.length >= limit) overLimit = true;
    const id = acceptAtEnd.length;
    acceptAtEnd.push(accepting ? 1 : 0);
    if (transitions.length < (id + 1) * k) {
      const grown = new Int32Array(transitions.length * 2);
      grown.set(transitions);
      transitions = grown;
    }
    transitions.fill(id, id * k, (id + 1) * k);
    return id;
  };

  const stateOf = (set: Closure): number => {
    if (set === MATCHED) {
      if (matched < 0) matched = newState(true); // loops to itself: already filled with its own id
      return matched;
    }
    let id = idOfSet.get(set);
    if (id === undefined) {
      id = newState(set.some((s) => nfa.kind[s] === MATCH_AT_END));
      idOfSet.set(set, id, true);
      members[id] = set;
    }
    return id;
  };

  // Per state being expanded: the seeds (targets before closure) of each class c, at
  // seeds[seedStart[c] .. seedStart[c + 1]), with a hash to find classes with the same seeds quickly. Many
  // classes share them, e.g. all bytes the pattern does not mention.
  let seeds = new Int32Array(64);
  const seedStart = new Int32Array(k + 1);
  const seedEnd = new Int32Array(k);
  const hash = new Int32Array(k);
  const firstClassOfHash = new Map<number, number>();
  // The closure is a function of the seeds, so each distinct seed list is closed once for the whole build.
  const stateOfSeeds = new SequenceMap<number>();

  const start = stateOf(closure([nfa.start]));
  for (let state = 0; state < acceptAtEnd.length && !overLimit; state++) {
    const set = members[state];
    if (set === undefined) continue; // the matched state
    seedStart.fill(0);
    hash.fill(0);
    for (const s of set) {
      const labelled = labelClasses[s];
      if (labelled !== undefined) for (const c of labelled) seedStart[c + 1]!++;
    }
    for (let c = 0; c < k; c++) seedStart[c + 1]! += seedStart[c]!;
    if (seeds.length < seedStart[k]!) seeds = new Int32Array(2 * seedStart[k]!);
    seedEnd.set(seedStart.subarray(0, k));
    for (const s of set) {
      const labelled = labelClasses[s];
      if (labelled === undefined) continue;
      const to = nfa.next[s]![0]!;
      for (const c of labelled) {
        seeds[seedEnd[c]!++] = to;
        hash[c] = Math.imul(hash[c]! ^ (to + 1), 0x01000193);
      }
    }
    const row = state * k;
    firstClassOfHash.clear();
    for (let c = 0; c < k; c++) {
      const earlier = firstClassOfHash.get(hash[c]!);
      if (earlier !== undefined && sameSeeds(seeds, seedStart, earlier, c)) {
        transitions[row + c] = transitions[row + earlier]!;
        continue;
      }
      if (earlier === undefined) firstClassOfHash.set(hash[c]!, c);
      const classSeeds = seeds.subarray(seedStart[c]!, seedStart[c + 1]!);
      let target = stateOfSeeds.get(classSeeds);
      if (target === undefined) {
        target = stateOf(closure(classSeeds));
        stateOfSeeds.set(classSeeds, target);
      }
      transitions[row + c] = target;
    }
  }
  if (overLimit) return undefined;
  return {
    stateCount: acceptAtEnd.length,
    classes,
    start,
    transitions: transitions.slice(0, acceptAtEnd.length * k),
    acceptAtEnd: Uint8Array.from(acceptAtEnd),
  };
}

/** For each consume state, the classes its label contains (shared between states with the same label). */
export function classesOfLabels(nfa: Nfa, classes: ByteClasses): (readonly number[] | undefined)[] {
  const cache = new Map<ByteSet, number[]>();
  return nfa.kind.map((kind, s) => {
    const label = nfa.label[s];
    if (kind !== CONSUME || label === undefined) return undefined;
    let list = cache.get(label);
    if (list === undefined) {
      list = [];
      for (let c = 0; c < classes.count; c++) if (label.has(classes.representative[c]!)) list.push(c);
      cache.set(label, list);
    }
    return list;
  });
}

function sameSeeds(seeds: Int32Array, seedStart: Int32Array, a: number, b: number): boolean {
  const length = seedStart[a + 1]! - seedStart[a]!;
  if (seedStart[b + 1]! - seedStart[b]! !== length) return false;
  for (let i = 0; i < length; i++) if (seeds[seedStart[a]! + i] !== seeds[seedStart[b]! + i]) return false;
  return true;
}
