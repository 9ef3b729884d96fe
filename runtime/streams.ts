// Per-stream state: a flag word and the block of values captured in the request phase for response rules.
// An open-addressing table keyed by context id, in a block that doubles when half full; entries are removed at
// proxy_on_delete, so the table's size follows the number of concurrent streams, not the number of requests.
import { allocBlock, freeBlock } from "./memory";

const ENTRY: usize = 12; // context id, flags, captures block
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

/** Puts stream `id`, whose flags and captures are at `from` + 4, where the table looks for it. */
function place(id: u32, from: usize): void {
  const entry = probe(id);
  store<u32>(entry, id);
  store<u64>(entry + 4, load<u64>(from + 4));
}

/** Registers a stream. Called from proxy_on_context_create, while the arena is empty. */
export function streamOpen(ctx: u32): void {
  if ((used + 1) * 2 > capacity) {
    const old = table;
    const oldEnd = table + <usize>capacity * ENTRY;
    capacity = capacity == 0 ? 16 : capacity * 2;
    table = allocBlock(<usize>capacity * ENTRY);
    memory.fill(table, 0, <usize>capacity * ENTRY);
    for (let entry = old; entry < oldEnd; entry += ENTRY) {
      const id = load<u32>(entry);
      if (id != 0) place(id, entry);
    }
    freeBlock(old);
  }
  const entry = probe(ctx);
  store<u32>(entry, ctx);
  store<u64>(entry + 4, 0);
  used++;
}

export function streamFlags(ctx: u32): u32 {
  const entry = slotOf(ctx);
  return entry == 0 ? 0 : load<u32>(entry + 4);
}

export function streamSetFlag(ctx: u32, flag: u32): void {
  const entry = slotOf(ctx);
  if (entry != 0) store<u32>(entry + 4, load<u32>(entry + 4) | flag);
}

export function streamCaptures(ctx: u32): usize {
  const entry = slotOf(ctx);
  return entry == 0 ? 0 : <usize>load<u32>(entry + 8);
}

export function streamSetCaptures(ctx: u32, block: usize): void {
  const entry = slotOf(ctx);
  if (entry == 0) {
    freeBlock(block);
    return;
  }
  freeBlock(<usize>load<u32>(entry + 8));
  store<u32>(entry + 8, <u32>block);
}

/**
 * Forgets a stream and frees its captures. The rest of the probe run after the hole is placed again, so no lookup
 * stops early at the hole (no tombstones).
 */
export function streamClose(ctx: u32): void {
  let at = slotOf(ctx);
  if (at == 0) return;
  freeBlock(<usize>load<u32>(at + 8));
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
