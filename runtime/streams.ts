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

function slotOf(ctx: u32): usize {
  if (capacity == 0) return 0;
  let i = (ctx * 0x9e3779b1) & (capacity - 1);
  while (true) {
    const entry = table + <usize>i * ENTRY;
    const id = load<u32>(entry);
    if (id == ctx) return entry;
    if (id == 0) return 0;
    i = (i + 1) & (capacity - 1);
  }
  return 0;
}

function insert(ctx: u32, flags: u32, captures: u32): void {
  let i = (ctx * 0x9e3779b1) & (capacity - 1);
  while (load<u32>(table + <usize>i * ENTRY) != 0) i = (i + 1) & (capacity - 1);
  const entry = table + <usize>i * ENTRY;
  store<u32>(entry, ctx);
  store<u32>(entry + 4, flags);
  store<u32>(entry + 8, captures);
}

/** Registers a stream. Called from proxy_on_context_create, while the arena is empty. */
export function streamOpen(ctx: u32): void {
  if ((used + 1) * 2 > capacity) {
    const oldTable = table;
    const oldCapacity = capacity;
    capacity = capacity == 0 ? 16 : capacity * 2;
    table = allocBlock(<usize>capacity * ENTRY);
    memory.fill(table, 0, <usize>capacity * ENTRY);
    for (let i: u32 = 0; i < oldCapacity; i++) {
      const entry = oldTable + <usize>i * ENTRY;
      const id = load<u32>(entry);
      if (id != 0) insert(id, load<u32>(entry + 4), load<u32>(entry + 8));
    }
    freeBlock(oldTable);
  }
  insert(ctx, 0, 0);
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
 * Forgets a stream and frees its captures. The rest of the probe run after the hole is inserted again, so no lookup
 * stops early at the hole (no tombstones).
 */
export function streamClose(ctx: u32): void {
  const entry = slotOf(ctx);
  if (entry == 0) return;
  freeBlock(<usize>load<u32>(entry + 8));
  store<u32>(entry, 0);
  used--;
  let i = <u32>((entry - table) / ENTRY);
  while (true) {
    i = (i + 1) & (capacity - 1);
    const at = table + <usize>i * ENTRY;
    const id = load<u32>(at);
    if (id == 0) return;
    store<u32>(at, 0);
    insert(id, load<u32>(at + 4), load<u32>(at + 8));
  }
}
