import type { ByteSet } from "./byteset.js";
import { CONSUME, type Nfa } from "./nfa.js";

/**
 * The partition of the 256 byte values into equivalence classes: two bytes share a class when every NFA label
 * contains both or neither, so the DFA needs one column per class instead of one per byte.
 */
export interface ByteClasses {
  /** class id of each byte value; classes are numbered in the order of their smallest byte */
  readonly classOf: Uint8Array;
  readonly count: number;
  /** one byte of each class, to test label membership for the whole class */
  readonly representative: readonly number[];
}

export function computeByteClasses(nfa: Nfa): ByteClasses {
  // Labels are deduplicated by identity only: the parser shares the set of each literal byte, and refining by a
  // label equal to an earlier one changes nothing.
  const distinct = new Set<ByteSet>();
  for (let s = 0; s < nfa.kind.length; s++) {
    const label = nfa.label[s];
    if (nfa.kind[s] === CONSUME && label !== undefined) distinct.add(label);
  }
  // Refine a list of classes (part p is the 8 words of bits at parts[8p..8p+8)) by every label: a part that the
  // label cuts keeps the bytes inside and a new part gets the rest. Word-wise, this costs (parts x 8) per label.
  const parts = new Int32Array(256 * 8);
  parts.fill(-1, 0, 8);
  let count = 1;
  for (const label of distinct) {
    const before = count;
    for (let p = 0; p < before; p++) {
      let anyInside = 0;
      let anyOutside = 0;
      for (let i = 0; i < 8; i++) {
        anyInside |= parts[p * 8 + i]! & label.word(i);
        anyOutside |= parts[p * 8 + i]! & ~label.word(i);
      }
      if (anyInside === 0 || anyOutside === 0) continue;
      for (let i = 0; i < 8; i++) {
        const word = parts[p * 8 + i]!;
        parts[p * 8 + i] = word & label.word(i);
        parts[count * 8 + i] = word & ~label.word(i);
      }
      count++;
    }
  }
  const partOf = new Int32Array(256);
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < 8; i++) {
      for (let w = parts[p * 8 + i]!; w !== 0; w &= w - 1) partOf[i * 32 + 31 - Math.clz32(w & -w)] = p;
    }
  }
  // Number classes by their smallest byte, so ids do not depend on label order.
  const idOfPart = new Int32Array(count).fill(-1);
  const classOf = new Uint8Array(256);
  const representative: number[] = [];
  for (let b = 0; b < 256; b++) {
    const p = partOf[b]!;
    if (idOfPart[p] === -1) {
      idOfPart[p] = representative.length;
      representative.push(b);
    }
    classOf[b] = idOfPart[p]!;
  }
  return { classOf, count: representative.length, representative };
}
