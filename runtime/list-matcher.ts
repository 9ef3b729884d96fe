// Matchers for `contains any LIST`, `starts_with any LIST` and `ends_with any LIST`: one Aho-Corasick automaton per
// list, run over the value once, so a test costs time linear in the value whatever the number of items, and
// allocates nothing. The compiler builds the automata of literal lists and of params' defaults into static data
// (compiler/lower/list-matcher.ts, which writes this same format); a list from the plugin configuration is built
// here, once per configuration, into a block that lives until the next one.
//
// Format (little-endian, read unaligned as static data is). States are numbered breadth-first with each state's
// children in byte order, so the children of a state are consecutive states, and every state but the root is the
// target of exactly one edge: an edge is just the byte on it, stored by its target.
//   [0]                 state count S; state 0 is the root
//   [4]                 256 u16 targets of the root, by byte (0: none): the root's children are states 1 to 256 at
//                       most, and most bytes of a value are read at the root, so it is one load there
//   [516]               S + 1 records of 8 bytes: fail link; first child | TERMINAL | OUTPUT (a state's children
//                       run to the next record's first child; record S only ends state S - 1's)
//   [516 + 8 (S + 1)]   S bytes: the byte on the edge into each state (none for the root)
// TERMINAL: an item ends at this state (what starts_with and ends_with look for). OUTPUT: an item ends here or at
// a state of the fail chain, i.e. the value read so far ends with an item (what contains looks for).
// `ends_with any` runs an automaton of the reversed items over the value backwards.
import { ABSENT, Str, str, strLen, strPtr } from "./str";
import { arenaAlloc, freeBlock, promote, resetArena } from "./memory";
import { logParts } from "./log";
import { LOG_WARN } from "./abi";
import { configKey } from "./config";

// @ts-ignore: decorator
@inline const ROOT: usize = 4;
// @ts-ignore: decorator
@inline const STATES: usize = 516;
// @ts-ignore: decorator
@inline const TERMINAL: u32 = 0x8000_0000;
// @ts-ignore: decorator
@inline const OUTPUT: u32 = 0x4000_0000;
// @ts-ignore: decorator
@inline const CHILD: u32 = 0x3fff_ffff;

/** The state after `state` (not the root) on byte `c`, or 0 when it has no such edge: a binary search. */
function edge(m: usize, state: u32, c: u32): u32 {
  const record = m + STATES + (<usize>state << 3);
  const labels = m + STATES + ((<usize>load<u32>(m) + 1) << 3);
  let lo = load<u32>(record, 4) & CHILD;
  let hi = load<u32>(record, 12) & CHILD;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const b = <u32>load<u8>(labels + <usize>mid);
    if (b == c) return mid;
    if (b < c) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

// @ts-ignore: decorator
@inline function flags(m: usize, state: u32): u32 {
  return load<u32>(m + STATES + (<usize>state << 3), 4);
}

// @ts-ignore: decorator
@inline function failOf(m: usize, state: u32): u32 {
  return load<u32>(m + STATES + (<usize>state << 3));
}

// @ts-ignore: decorator
@inline function rootTarget(m: usize, c: u32): u32 {
  return <u32>load<u16>(m + ROOT + (<usize>c << 1));
}

/** `s contains any LIST`: one pass over `s`, following fail links (amortized once per byte). False for absent. */
export function containsAny(s: Str, m: usize): bool {
  if (s == ABSENT) return false;
  // The empty item is in every value.
  if ((flags(m, 0) & OUTPUT) != 0) return true;
  let state: u32 = 0;
  const end = strPtr(s) + strLen(s);
  for (let at = strPtr(s); at < end; at++) {
    const c = <u32>load<u8>(at);
    let next: u32 = 0;
    while (state != 0 && (next = edge(m, state, c)) == 0) state = failOf(m, state);
    // Most bytes of most values leave the root for the root: one load, and the root outputs nothing here.
    state = state != 0 ? next : rootTarget(m, c);
    if (state != 0 && (flags(m, state) & OUTPUT) != 0) return true;
  }
  return false;
}

/** `s starts_with any LIST`: a walk down the trie from the first byte, ending at the first item or missing edge. */
export function startsWithAny(s: Str, m: usize): bool {
  if (s == ABSENT) return false;
  if ((flags(m, 0) & TERMINAL) != 0) return true;
  const start = strPtr(s);
  const end = start + strLen(s);
  let state: u32 = 0;
  for (let at = start; at < end; at++) {
    const c = <u32>load<u8>(at);
    state = at == start ? rootTarget(m, c) : edge(m, state, c);
    if (state == 0) return false;
    if ((flags(m, state) & TERMINAL) != 0) return true;
  }
  return false;
}

/** `s ends_with any LIST`: the same walk from the last byte backwards, in the automaton of the reversed items. */
export function endsWithAny(s: Str, m: usize): bool {
  if (s == ABSENT) return false;
  if ((flags(m, 0) & TERMINAL) != 0) return true;
  const start = strPtr(s);
  const last = start + strLen(s) - 1;
  let state: u32 = 0;
  for (let at = last; at + 1 > start; at--) {
    const c = <u32>load<u8>(at);
    state = at == last ? rootTarget(m, c) : edge(m, state, c);
    if (state == 0) return false;
    if ((flags(m, state) & TERMINAL) != 0) return true;
  }
  return false;
}

/**
 * Whether the items of a configured list (packed: u32 count, then u32 length and bytes each) hold at most `max`
 * bytes together. A longer list is refused with a warning naming the key, and the param keeps its default: the
 * automaton takes about 9 bytes of memory per byte of the items.
 */
export function listWithin(list: usize, max: u32): bool {
  let total: u64 = 0;
  const count = load<u32>(list);
  let item = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    const length = <usize>load<u32>(item);
    total += <u64>length;
    item += 4 + length;
  }
  if (total <= <u64>max) return true;
  logParts(LOG_WARN, str(TOO_LONG(), 63), configKey(), ABSENT);
  return false;
}

// Every block listMatcher() built for the current configuration: each starts with the previous one's address.
let built: usize = 0;

/** Frees the automata of the previous configuration: call at the start of proxy_on_configure. */
export function listMatchersFree(): void {
  while (built != 0) {
    const previous = <usize>load<u32>(built);
    freeBlock(built);
    built = previous;
  }
}

/**
 * The automaton of a packed list (see listWithin), of its reversed items with `reverse`, in a block that lives
 * until listMatchersFree(). Built in the arena and then kept: it ends the arena, so call it in proxy_on_configure
 * once the keys are read. Time and memory are linear in the items' bytes (times the 256 possible next bytes at
 * worst, while inserting into a state's sorted edges).
 */
export function listMatcher(list: usize, reverse: bool): usize {
  resetArena();
  const count = load<u32>(list);
  let bytes: usize = 0;
  let item = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    bytes += <usize>load<u32>(item);
    item += 4 + <usize>load<u32>(item);
  }
  // The trie: per node its first child, next sibling (siblings sorted by byte), byte and whether an item ends there.
  // The root's children are a table by byte instead.
  const limit = bytes + 1;
  const nodes = arenaAlloc(limit << 4);
  const rootChildren = arenaAlloc(1024);
  memory.fill(rootChildren, 0, 1024);
  memory.fill(nodes, 0, 16);
  let n: u32 = 1;
  item = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    const length = <usize>load<u32>(item);
    let node: u32 = 0;
    for (let k: usize = 0; k < length; k++) {
      const c = <u32>load<u8>(item + 4 + (reverse ? length - 1 - k : k));
      if (node == 0) {
        const slot = rootChildren + (<usize>c << 2);
        node = load<u32>(slot);
        if (node == 0) {
          node = newNode(nodes, n++, c, 0);
          store<u32>(slot, node);
        }
        continue;
      }
      // Find c among the children, or where it belongs in their order.
      const parent = nodes + (<usize>node << 4);
      let link = parent; // the field that points at the candidate: the parent's first child, then each sibling's next
      let child = load<u32>(parent);
      while (child != 0 && load<u32>(nodes + (<usize>child << 4), 8) < c) {
        link = nodes + (<usize>child << 4) + 4;
        child = load<u32>(link);
      }
      if (child == 0 || load<u32>(nodes + (<usize>child << 4), 8) != c) {
        child = newNode(nodes, n++, c, child);
        store<u32>(link, child);
      }
      node = child;
    }
    store<u32>(nodes + (<usize>node << 4), 1, 12);
    item += 4 + length;
  }
  // States are numbered breadth-first, so a state's fail link, which is shallower, is done before it.
  const order = arenaAlloc(<usize>n << 2);
  const number = arenaAlloc(<usize>n << 2);
  store<u32>(order, 0);
  let tail: usize = 1;
  for (let c: usize = 0; c < 256; c++) {
    const child = load<u32>(rootChildren + (c << 2));
    if (child != 0) store<u32>(order + (tail++ << 2), child);
  }
  for (let head: usize = 1; head < tail; head++) {
    for (let child = load<u32>(nodes + (<usize>load<u32>(order + (head << 2)) << 4)); child != 0; child = load<u32>(nodes + (<usize>child << 4), 4)) {
      store<u32>(order + (tail++ << 2), child);
    }
  }
  for (let i: usize = 0; i < <usize>n; i++) store<u32>(number + (<usize>load<u32>(order + (i << 2)) << 2), <u32>i);
  // The automaton, behind the word that chains the blocks.
  const labelsAt: usize = STATES + ((<usize>n + 1) << 3);
  const size: usize = 8 + labelsAt + <usize>n;
  const block = arenaAlloc(size);
  const m = block + 8;
  store<u32>(m, n);
  for (let c: usize = 0; c < 256; c++) {
    const child = load<u32>(rootChildren + (c << 2));
    store<u16>(m + ROOT + (c << 1), <u16>(child == 0 ? 0 : load<u32>(number + (<usize>child << 2))));
  }
  const labels = m + labelsAt;
  store<u8>(labels, 0);
  // Children are numbered in the order their parents are: each state's first child follows the last one's.
  let firstChild: u32 = 1;
  for (let i: usize = 0; i < <usize>n; i++) {
    const old = <usize>load<u32>(order + (i << 2));
    const record = m + STATES + (i << 3);
    store<u32>(record, 0);
    store<u32>(record, firstChild | (load<u32>(nodes + (old << 4), 12) != 0 ? TERMINAL | OUTPUT : 0), 4);
    if (i == 0) {
      for (let c: usize = 0; c < 256; c++) if (load<u32>(rootChildren + (c << 2)) != 0) firstChild++;
    } else {
      store<u8>(labels + i, <u8>load<u32>(nodes + (old << 4), 8));
      for (let child = load<u32>(nodes + (old << 4)); child != 0; child = load<u32>(nodes + (<usize>child << 4), 4)) firstChild++;
    }
  }
  store<u32>(m + STATES + (<usize>n << 3), 0);
  store<u32>(m + STATES + (<usize>n << 3), firstChild, 4);
  // Fail links, breadth-first: a child's is where its parent's fail chain first has an edge on the same byte.
  for (let u: u32 = 0; u < n; u++) {
    const from = flags(m, u) & CHILD;
    const to = flags(m, u + 1) & CHILD;
    for (let v = from; v < to; v++) {
      const c = <u32>load<u8>(labels + <usize>v);
      let fail: u32 = 0;
      if (u != 0) {
        let f = failOf(m, u);
        while (true) {
          const t = f == 0 ? rootTarget(m, c) : edge(m, f, c);
          if (t != 0) {
            fail = t;
            break;
          }
          if (f == 0) break;
          f = failOf(m, f);
        }
      }
      const target = m + STATES + (<usize>v << 3);
      store<u32>(target, fail);
      store<u32>(target, load<u32>(target, 4) | (flags(m, fail) & OUTPUT), 4);
    }
  }
  const kept = promote(block, size);
  store<u32>(kept, <u32>built);
  built = kept;
  return kept + 8;
}

function newNode(nodes: usize, index: u32, c: u32, next: u32): u32 {
  const node = nodes + (<usize>index << 4);
  store<u32>(node, 0);
  store<u32>(node, next, 4);
  store<u32>(node, c, 8);
  store<u32>(node, 0, 12);
  return index;
}

// "plugin configuration: list past maxListBytes, default kept for ": an inlined function, called once, so filters
// without configured lists do not carry it.
// @ts-ignore: decorator
@inline function TOO_LONG(): usize {
  return memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,58,32,108,105,115,116,32,112,97,115,116,32,109,97,120,76,105,115,116,66,121,116,101,115,44,32,100,101,102,97,117,108,116,32,107,101,112,116,32,102,111,114,32]);
}
