/**
 * The automaton of `contains any`, `starts_with any` and `ends_with any` for a list known at build time (a literal
 * list, a param's default), in the format runtime/list-matcher.ts reads and builds at configure time for lists
 * from the plugin configuration. Built here, a filter that is never configured does no work at startup.
 *
 * Format (little-endian): the state count S (u32; state 0 is the root); the root's 256 targets by byte (u16, 0:
 * none); S + 1 records of a fail link (u32) and a first child | TERMINAL | OUTPUT (u32); S bytes, the byte on the
 * edge into each state. States are numbered breadth-first with each state's children in byte order, so a state's
 * children are consecutive (up to the next record's first child) and every state but the root has one edge in.
 */

const TERMINAL = 0x8000_0000;
const OUTPUT = 0x4000_0000;
const CHILD = 0x3fff_ffff;
const ROOT = 4;
const STATES = 516;

interface TrieNode {
  readonly children: Map<number, TrieNode>;
  readonly byte: number;
  terminal: boolean;
  id: number;
}

/** The automaton of `items` (UTF-8), or of the items reversed for `ends_with any` (which reads the value backwards). */
export function buildListMatcher(items: readonly string[], reverse: boolean): Uint8Array {
  const root: TrieNode = { children: new Map(), byte: 0, terminal: false, id: 0 };
  for (const item of items) {
    const bytes = new TextEncoder().encode(item);
    if (reverse) bytes.reverse();
    let node = root;
    for (const b of bytes) {
      let child = node.children.get(b);
      if (child === undefined) {
        child = { children: new Map(), byte: b, terminal: false, id: 0 };
        node.children.set(b, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  const order: TrieNode[] = [root];
  const sortedChildren = (node: TrieNode) => [...node.children.values()].sort((x, y) => x.byte - y.byte);
  for (let head = 0; head < order.length; head++) {
    order[head]!.id = head;
    order.push(...sortedChildren(order[head]!));
  }
  const count = order.length;
  const labels = STATES + (count + 1) * 8;
  const out = new Uint8Array(labels + count);
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  for (const child of root.children.values()) view.setUint16(ROOT + child.byte * 2, child.id, true);
  const record = (id: number) => STATES + id * 8;
  let firstChild = 1;
  for (const node of order) {
    view.setUint32(record(node.id) + 4, (firstChild | (node.terminal ? TERMINAL | OUTPUT : 0)) >>> 0, true);
    if (node !== root) out[labels + node.id] = node.byte;
    firstChild += node.children.size;
  }
  view.setUint32(record(count) + 4, firstChild, true);
  // Fail links breadth-first: a child's is where its parent's fail chain first has an edge on the same byte.
  const fail = new Array<number>(count).fill(0);
  const step = (state: number, b: number) => order[state]!.children.get(b)?.id ?? 0;
  for (const node of order) {
    for (const child of node.children.values()) {
      let target = 0;
      if (node !== root) {
        for (let f = fail[node.id]!; ; f = fail[f]!) {
          target = step(f, child.byte);
          if (target !== 0 || f === 0) break;
        }
      }
      fail[child.id] = target;
      view.setUint32(record(child.id), target, true);
      const flags = view.getUint32(record(child.id) + 4, true) | (view.getUint32(record(target) + 4, true) & OUTPUT);
      view.setUint32(record(child.id) + 4, flags >>> 0, true);
    }
  }
  return out;
}

/** What the runtime's matchers answer, for tests of this builder: `kind` of `value` against the automaton. */
export function runListMatcher(m: Uint8Array, kind: "contains" | "starts_with" | "ends_with", value: Uint8Array): boolean {
  const view = new DataView(m.buffer, m.byteOffset, m.byteLength);
  const count = view.getUint32(0, true);
  const flags = (s: number) => view.getUint32(STATES + s * 8 + 4, true);
  const labels = STATES + (count + 1) * 8;
  const next = (s: number, b: number): number => {
    if (s === 0) return view.getUint16(ROOT + b * 2, true);
    for (let child = flags(s) & CHILD; child < (flags(s + 1) & CHILD); child++) if (m[labels + child] === b) return child;
    return 0;
  };
  if (kind === "contains") {
    if (flags(0) & OUTPUT) return true;
    let s = 0;
    for (const b of value) {
      while (s !== 0 && next(s, b) === 0) s = view.getUint32(STATES + s * 8, true);
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
