// Per-stream state: a flag word, the block of values captured in the request phase for response rules, and the
// state blocks of bodies being streamed (runtime/body-stream.ts), one per direction. The one table of streams: an
// open-addressing table keyed by context id, in a block that doubles when half full; entries are removed at
// proxy_on_delete, so the table's size follows the number of concurrent streams, not the number of requests.
import { allocBlock, freeBlock } from "./memory";

// An entry is 24 bytes: the context id (0: free; context ids start at 1), the captures block, the flags, then the
// body state blocks of the request and the response (by buffer type, 0 and 1). Flag bits above STREAM_LOCAL_REPLY
// are the filter's own (request verdicts, see the compiler's lower/request-verdicts.ts).
const ENTRY: usize = 24;
const BODIES: usize = 16;
let table: usize = 0;
let capacity: u32 = 0;
let used: u32 = 0;

/** The stream answered locally: its response rules must not run on the filter's own reply. */
export const STREAM_LOCAL_REPLY: u64 = 1;

/** The entry of `ctx`, or the free entry where it would go. Needs a table. */
function probe(ctx: u32): usize {
  let i = ctx * 0x9e3779b1;
  while (true) {
    const entry = table + <usize>(i & (capacity - 1)) * ENTRY;
    const id = load<u32>(entry);
    if (id == ctx || id == 0) return entry;
    i++;
  }
  return 0;
}

/** The entry of `ctx`, or 0. */
function slotOf(ctx: u32): usize {
  if (capacity == 0) return 0;
  const entry = probe(ctx);
  return load<u32>(entry) == ctx ? entry : 0;
}

/** Moves the entry at `from` of stream `ctx` (its id already cleared there) to where the table looks for `ctx`. */
function place(ctx: u32, from: usize): void {
  const entry = probe(ctx);
  memory.copy(entry, from, ENTRY);
  store<u32>(entry, ctx);
}

/**
 * The entry of `ctx`, registering the stream first if needed: on its first flag, capture or streamed body chunk,
 * so filters need no proxy_on_context_create call per stream.
 */
function entryOf(ctx: u32): usize {
  const entry = slotOf(ctx);
  if (entry != 0) return entry;
  // Grows when one more entry would fill more than half (capacity is 0 or even: the same as used * 2 >= capacity).
  if (used * 2 >= capacity) {
    const old = table;
    const oldEnd = table + <usize>capacity * ENTRY;
    capacity = capacity == 0 ? 16 : capacity * 2;
    table = allocBlock(<usize>capacity * ENTRY);
    memory.fill(table, 0, <usize>capacity * ENTRY);
    for (let at = old; at < oldEnd; at += ENTRY) {
      const id = load<u32>(at);
      if (id != 0) place(id, at);
    }
    freeBlock(old);
  }
  used++;
  const fresh = probe(ctx);
  memory.fill(fresh, 0, ENTRY);
  store<u32>(fresh, ctx);
  return fresh;
}

/** The captures block of the stream streamResume looked up last. */
let resumed: usize = 0;

/**
 * Looks stream `ctx` up for its response phase, once per callback: returns its flags (0 for a stream the filter
 * kept nothing for), and its captures are what resumedCaptures() returns until the next call.
 */
export function streamResume(ctx: u32): u64 {
  const entry = slotOf(ctx);
  if (entry == 0) {
    resumed = 0;
    return 0;
  }
  resumed = <usize>load<u32>(entry, 4);
  return load<u64>(entry, 8);
}

export function resumedCaptures(): usize {
  return resumed;
}

/**
 * Sets flags of stream `ctx` and returns its entry. Its first flag may take a fresh block, over the arena: call it
 * when the arena holds nothing still needed.
 */
export function streamSetFlag(ctx: u32, flags: u64): usize {
  const entry = entryOf(ctx);
  store<u64>(entry, load<u64>(entry, 8) | flags, 8);
  return entry;
}

/** Keeps `block` as the captures of stream `ctx` (freeing any before it), and sets `flags`. Same rule as streamSetFlag. */
export function streamKeep(ctx: u32, flags: u64, block: usize): void {
  const entry = streamSetFlag(ctx, flags);
  freeBlock(<usize>load<u32>(entry, 4));
  store<u32>(entry, <u32>block, 4);
}

/**
 * Where stream `ctx` keeps the state blocks of its bodies being streamed: the request's, then the response's (by
 * buffer type, 0 and 1; 0 where none is kept). With `register`, the stream is registered first if needed (same rule
 * as streamSetFlag); without, 0 for a stream the table does not hold.
 */
export function streamBodies(ctx: u32, register: bool): usize {
  const entry = register ? entryOf(ctx) : slotOf(ctx);
  return entry == 0 ? 0 : entry + BODIES;
}

/**
 * Forgets a stream and frees its captures; bodyStreamClose frees its body states first. The rest of the probe run
 * after the hole is placed again, so no lookup stops early at the hole (no tombstones).
 */
export function streamClose(ctx: u32): void {
  let at = slotOf(ctx);
  if (at == 0) return;
  freeBlock(<usize>load<u32>(at, 4));
  store<u32>(at, 0);
  used--;
  const end = table + <usize>capacity * ENTRY;
  while (true) {
    at += ENTRY;
    if (at == end) at = table;
    const id = load<u32>(at);
    if (id == 0) return;
    store<u32>(at, 0);
    place(id, at);
  }
}
