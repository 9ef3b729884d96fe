// Per-stream state: a flag word and the block of values captured in the request phase for response rules.
// An open-addressing table keyed by context id, in a block that doubles when half full; entries are removed at
// proxy_on_delete, so the table's size follows the number of concurrent streams, not the number of requests.
import { allocBlock, freeBlock } from "./memory";

// An entry is 8 bytes: the context id, then the captures block with the flags in its low 3 bits (blocks are
// 8-aligned). Read as one u64, the id is the low half.
const ENTRY: usize = 8;
const FLAGS: u32 = 7;
let table: usize = 0;
let capacity: u32 = 0;
let used: u32 = 0;

/** The stream answered locally: its response rules must not run on the filter's own reply. */
export const STREAM_LOCAL_REPLY: u32 = 1;

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

/** Puts an entry (id and state) where the table looks for its id. */
function place(entry: u64): void {
  store<u64>(probe(<u32>entry), entry);
}

/** Registers a stream: on its first flag or capture, so filters need no proxy_on_context_create call per stream. */
function streamOpen(ctx: u32): void {
  // Grows when one more entry would fill more than half (capacity is 0 or even: the same as used * 2 >= capacity).
  if (used * 2 >= capacity) {
    const old = table;
    const oldEnd = table + <usize>capacity * ENTRY;
    capacity = capacity == 0 ? 16 : capacity * 2;
    table = allocBlock(<usize>capacity * ENTRY);
    memory.fill(table, 0, <usize>capacity * ENTRY);
    for (let at = old; at < oldEnd; at += ENTRY) {
      const entry = load<u64>(at);
      if (<u32>entry != 0) place(entry);
    }
    freeBlock(old);
  }
  place(<u64>ctx);
  used++;
}

export function streamFlags(ctx: u32): u32 {
  const entry = slotOf(ctx);
  return entry == 0 ? 0 : load<u32>(entry + 4) & FLAGS;
}

/** The entry of `ctx`, registering the stream first if needed. */
function entryOf(ctx: u32): usize {
  const entry = slotOf(ctx);
  if (entry != 0) return entry;
  streamOpen(ctx);
  return probe(ctx);
}

export function streamSetFlag(ctx: u32, flag: u32): void {
  const entry = entryOf(ctx);
  store<u32>(entry + 4, load<u32>(entry + 4) | flag);
}

export function streamCaptures(ctx: u32): usize {
  const entry = slotOf(ctx);
  return entry == 0 ? 0 : <usize>(load<u32>(entry + 4) & ~FLAGS);
}

export function streamSetCaptures(ctx: u32, block: usize): void {
  const entry = entryOf(ctx);
  const state = load<u32>(entry + 4);
  freeBlock(<usize>(state & ~FLAGS));
  store<u32>(entry + 4, <u32>block | (state & FLAGS));
}

/**
 * Forgets a stream and frees its captures. The rest of the probe run after the hole is placed again, so no lookup
 * stops early at the hole (no tombstones).
 */
export function streamClose(ctx: u32): void {
  let at = slotOf(ctx);
  if (at == 0) return;
  freeBlock(<usize>(load<u32>(at + 4) & ~FLAGS));
  store<u32>(at, 0);
  used--;
  const end = table + <usize>capacity * ENTRY;
  while (true) {
    at += ENTRY;
    if (at == end) at = table;
    const entry = load<u64>(at);
    if (<u32>entry == 0) return;
    store<u32>(at, 0);
    place(entry);
  }
}
