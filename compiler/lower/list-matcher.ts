/**
 * The automaton of `contains any`, `starts_with any` and `ends_with any` for a list known at build time (a literal
 * list, a param's default), in the format runtime/list-matcher.ts reads and builds at configure time for lists
 * from the plugin configuration. Built here, a filter that is never configured does no work at startup.
 *
 * Format (little-endian u32s): the state count S (state 0 is the root); the root's 256 targets by byte (0: none);
 * S records of fail link, first edge, edge count | TERMINAL | OUTPUT; the edges, target << 8 | byte, each state's
 * sorted by byte (the root's are only in its table). States are numbered breadth-first.
 */

const TERMINAL = 0x8000_0000;
const OUTPUT = 0x4000_0000;
const COUNT = 0x3fff_ffff;
const ROOT = 4;
const STATES = 1028;

interface TrieNode {
  readonly children: Map<number, TrieNode>;
  terminal: boolean;
  id: number;
}

/** The automaton of `items` (UTF-8), or of the items reversed for `ends_with any` (which reads the value backwards). */
export function buildListMatcher(items: readonly string[], reverse: boolean): Uint8Array {
  const root: TrieNode = { children: new Map(), terminal: false, id: 0 };
  for (const item of items) {
    const bytes = new TextEncoder().encode(item);
    if (reverse) bytes.reverse();
    let node = root;
    for (const b of bytes) {
      let child = node.children.get(b);
      if (child === undefined) {
        child = { children: new Map(), terminal: false, id: 0 };
        node.children.set(b, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  const order: TrieNode[] = [root];
  for (let head = 0; head < order.length; head++) {
    const node = order[head]!;
    node.id = head;
    for (const b of [...node.children.keys()].sort((x, y) => x - y)) order.push(node.children.get(b)!);
  }
  const count = order.length;
  const edgeCount = order.slice(1).reduce((n, node) => n + node.children.size, 0);
  const out = new Uint8Array(STATES + count * 12 + edgeCount * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  for (const [b, child] of root.children) view.setUint32(ROOT + b * 4, child.id, true);
  const edges = STATES + count * 12;
  const record = (id: number) => STATES + id * 12;
  const edgeAt = new Map<number, Map<number, number>>();
  let e = 0;
  for (const node of order) {
    const first = e;
    const sorted = [...node.children.keys()].sort((x, y) => x - y);
    if (node !== root) {
      for (const b of sorted) view.setUint32(edges + 4 * e++, ((node.children.get(b)!.id << 8) | b) >>> 0, true);
    }
    view.setUint32(record(node.id) + 4, first, true);
    view.setUint32(record(node.id) + 8, ((e - first) | (node.terminal ? TERMINAL | OUTPUT : 0)) >>> 0, true);
    edgeAt.set(node.id, new Map(sorted.map((b) => [b, node.children.get(b)!.id])));
  }
  // Fail links breadth-first: a child's is where its parent's fail chain first has an edge on the same byte.
  const fail = new Array<number>(count).fill(0);
  const step = (state: number, b: number) => edgeAt.get(state)!.get(b) ?? 0;
  for (const node of order) {
    for (const [b, child] of node.children) {
      let target = 0;
      if (node !== root) {
        for (let f = fail[node.id]!; ; f = fail[f]!) {
          target = step(f, b);
          if (target !== 0 || f === 0) break;
        }
      }
      fail[child.id] = target;
      view.setUint32(record(child.id), target, true);
      const flags = view.getUint32(record(child.id) + 8, true) | (view.getUint32(record(target) + 8, true) & OUTPUT);
      view.setUint32(record(child.id) + 8, flags >>> 0, true);
    }
  }
  return out;
}

/** What the runtime's matchers answer, for tests of this builder: `kind` of `value` against the automaton. */
export function runListMatcher(m: Uint8Array, kind: "contains" | "starts_with" | "ends_with", value: Uint8Array): boolean {
  const view = new DataView(m.buffer, m.byteOffset, m.byteLength);
  const count = view.getUint32(0, true);
  const flags = (s: number) => view.getUint32(STATES + s * 12 + 8, true);
  const edges = STATES + count * 12;
  const next = (s: number, b: number): number => {
    if (s === 0) return view.getUint32(ROOT + b * 4, true);
    const first = view.getUint32(STATES + s * 12 + 4, true);
    for (let k = 0; k < (flags(s) & COUNT); k++) {
      const word = view.getUint32(edges + 4 * (first + k), true);
      if ((word & 0xff) === b) return word >>> 8;
    }
    return 0;
  };
  if (kind === "contains") {
    if (flags(0) & OUTPUT) return true;
    let s = 0;
    for (const b of value) {
      while (s !== 0 && next(s, b) === 0) s = view.getUint32(STATES + s * 12, true);
      s = next(s, b);
      if (flags(s) & OUTPUT) return true;
    }
    return false;
  }
  if (flags(0) & TERMINAL) return true;
  const bytes = kind === "ends_with" ? [...value].reverse() : [...value];
  let s = 0;
  for (const b of bytes) {
    s = next(s, b);
    if (s === 0) return false;
    if (flags(s) & TERMINAL) return true;
  }
  return false;
}
