import type { Dfa } from "./dfa.js";

/**
 * Merges byte classes whose columns are identical in the (minimal) DFA. Classes come from the NFA's labels,
 * which can distinguish bytes the automaton treats alike, e.g. `a|b` has separate labels for `a` and `b`.
 * Fewer classes mean a narrower transition table and often a more compact byte-to-class map.
 */
export function mergeEquivalentClasses(dfa: Dfa): Dfa {
  const n = dfa.stateCount;
  const k = dfa.classes.count;
  const newClassOf = new Int32Array(k);
  // Columns are compared through a hash first; equal hashes are confirmed column by column.
  const classesOfHash = new Map<number, number[]>();
  const kept: number[] = [];
  for (let c = 0; c < k; c++) {
    let hash = 0;
    for (let s = 0; s < n; s++) hash = Math.imul(hash ^ (dfa.transitions[s * k + c]! + 1), 0x01000193);
    const candidates = classesOfHash.get(hash) ?? [];
    const same = candidates.find((other) => sameColumn(dfa, kept[other]!, c));
    if (same !== undefined) {
      newClassOf[c] = same;
      continue;
    }
    candidates.push(kept.length);
    classesOfHash.set(hash, candidates);
    newClassOf[c] = kept.length;
    kept.push(c);
  }
  if (kept.length === k) return dfa;

  const count = kept.length;
  const classOf = dfa.classes.classOf.map((c) => newClassOf[c]!);
  const representative = kept.map((c) => dfa.classes.representative[c]!);
  const transitions = new Int32Array(n * count);
  for (let s = 0; s < n; s++) for (let c = 0; c < count; c++) transitions[s * count + c] = dfa.transitions[s * k + kept[c]!]!;
  return { ...dfa, classes: { classOf, count, representative }, transitions };
}

function sameColumn(dfa: Dfa, a: number, b: number): boolean {
  const k = dfa.classes.count;
  for (let s = 0; s < dfa.stateCount; s++) if (dfa.transitions[s * k + a] !== dfa.transitions[s * k + b]) return false;
  return true;
}
