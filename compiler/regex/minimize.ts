import type { Dfa } from "./dfa.js";

/**
 * Hopcroft's partition refinement: O(n k log n) for n states and k classes. Returns the minimal DFA with states
 * renumbered in breadth-first order from the start state (so the start state is 0 and output is deterministic).
 */
export function minimizeDfa(dfa: Dfa): Dfa {
  const n = dfa.stateCount;
  const k = dfa.classes.count;
  const blockOf = refine(dfa);

  // Renumber blocks breadth-first from the start block.
  const order = new Int32Array(n).fill(-1);
  const representative: number[] = [];
  order[blockOf[dfa.start]!] = 0;
  representative.push(dfa.start);
  for (let i = 0; i < representative.length; i++) {
    const s = representative[i]!;
    for (let c = 0; c < k; c++) {
      const b = blockOf[dfa.transitions[s * k + c]!]!;
      if (order[b] === -1) {
        order[b] = representative.length;
        representative.push(dfa.transitions[s * k + c]!);
      }
    }
  }
  const count = representative.length;
  const transitions = new Int32Array(count * k);
  const acceptAtEnd = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const s = representative[i]!;
    acceptAtEnd[i] = dfa.acceptAtEnd[s]!;
    for (let c = 0; c < k; c++) transitions[i * k + c] = order[blockOf[dfa.transitions[s * k + c]!]!]!;
  }
  return { stateCount: count, classes: dfa.classes, start: 0, transitions, acceptAtEnd };
}

/** The block (equivalence class of states) of every state. */
function refine(dfa: Dfa): Int32Array {
  const n = dfa.stateCount;
  const k = dfa.classes.count;

  // Predecessors by class, compressed: those of state t on class c are
  // predecessors[predecessorStart[c * n + t] .. predecessorStart[c * n + t + 1]).
  const predecessorStart = new Int32Array(k * n + 1);
  for (let s = 0; s < n; s++) for (let c = 0; c < k; c++) predecessorStart[c * n + dfa.transitions[s * k + c]! + 1]!++;
  for (let i = 1; i <= k * n; i++) predecessorStart[i]! += predecessorStart[i - 1]!;
  const fill = predecessorStart.slice(0, k * n);
  const predecessors = new Int32Array(k * n);
  for (let s = 0; s < n; s++) for (let c = 0; c < k; c++) predecessors[fill[c * n + dfa.transitions[s * k + c]!]!++] = s;

  // The partition: `elements` is grouped by block; block b owns elements[blockStart[b] .. blockEnd[b]).
  const elements = new Int32Array(n);
  const location = new Int32Array(n);
  const blockOf = new Int32Array(n);
  const blockStart: number[] = [];
  const blockEnd: number[] = [];
  const marked: number[] = [];
  const pending: boolean[] = [];
  const worklist: number[] = [];

  let next = 0;
  for (const accepting of [0, 1]) {
    const begin = next;
    for (let s = 0; s < n; s++) {
      if (dfa.acceptAtEnd[s] !== accepting) continue;
      elements[next] = s;
      location[s] = next++;
      blockOf[s] = blockStart.length;
    }
    if (next > begin) {
      worklist.push(blockStart.length);
      pending.push(true);
      blockStart.push(begin);
      blockEnd.push(next);
      marked.push(0);
    }
  }

  const touched = new Int32Array(n);
  let touchedCount = 0;
  while (worklist.length > 0) {
    const splitter = worklist.pop()!;
    pending[splitter] = false;
    const targets = elements.slice(blockStart[splitter]!, blockEnd[splitter]!);
    for (let c = 0; c < k; c++) {
      // Move every predecessor to the front of its block.
      for (const t of targets) {
        for (let i = predecessorStart[c * n + t]!; i < predecessorStart[c * n + t + 1]!; i++) {
          const p = predecessors[i]!;
          const b = blockOf[p]!;
          const from = location[p]!;
          const to = blockStart[b]! + marked[b]!;
          const other = elements[to]!;
          elements[to] = p;
          location[p] = to;
          elements[from] = other;
          location[other] = from;
          if (marked[b] === 0) touched[touchedCount++] = b;
          marked[b]!++;
        }
      }
      // Split every block that is only partly marked; the marked front part becomes a new block.
      for (let j = 0; j < touchedCount; j++) {
        const b = touched[j]!;
        const count = marked[b]!;
        marked[b] = 0;
        if (count === blockEnd[b]! - blockStart[b]!) continue;
        const split = blockStart.length;
        blockStart.push(blockStart[b]!);
        blockEnd.push(blockStart[b]! + count);
        marked.push(0);
        blockStart[b] = blockStart[b]! + count;
        for (let i = blockStart[split]!; i < blockEnd[split]!; i++) blockOf[elements[i]!] = split;
        const splitSize = count;
        const restSize = blockEnd[b]! - blockStart[b]!;
        if (pending[b]) {
          pending.push(true);
          worklist.push(split);
        } else if (splitSize <= restSize) {
          pending.push(true);
          worklist.push(split);
        } else {
          pending.push(false);
          pending[b] = true;
          worklist.push(b);
        }
      }
      touchedCount = 0;
    }
  }
  return blockOf;
}
