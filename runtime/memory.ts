// Memory has three lifetimes, and none of them grows with the number of requests:
//
// - The arena: everything a callback needs for itself, including every buffer the host hands us through
//   `malloc`. It is a bump allocator that `resetArena()` empties when a callback returns.
// - Blocks: memory that outlives a callback (values a stream captures for its response phase, the parsed plugin
//   configuration, the stream table). Power-of-two size classes with free lists, so freed blocks are reused and the
//   high-water mark is set by the busiest moment, not by the request count.
// - Static data: literals and tables the compiler emits.
//
// Fresh blocks come from `permanentTop`, and the arena always starts where the blocks end. A block is only taken
// fresh when the arena is empty (`promote` resets the arena first), so the two never interleave.

const BLOCK_HEADER: usize = 8;
const MIN_CLASS: i32 = 4; // 16 bytes
const CLASS_COUNT: i32 = 28;

let permanentTop: usize = 0;
let arenaTop: usize = 0;
// Free-list heads, one per size class, in static memory.
const freeLists = memory.data(CLASS_COUNT * 4);

function ensureInitialized(): void {
  if (permanentTop == 0) {
    permanentTop = (__heap_base + 15) & ~15;
    arenaTop = permanentTop;
  }
}

function ensureCapacity(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
}

/** Memory for the current callback only. */
export function arenaAlloc(size: usize): usize {
  ensureInitialized();
  const ptr = arenaTop;
  const end = (ptr + size + 7) & ~7;
  ensureCapacity(end);
  arenaTop = end;
  return ptr;
}

/** Ends the current callback's allocations. Every callback calls this before it returns. */
export function resetArena(): void {
  // Before the first allocation both are 0, and the next allocation initializes them.
  arenaTop = permanentTop;
}

function classOf(size: usize): i32 {
  const needed: u32 = size < 16 ? 16 : <u32>size;
  return 32 - <i32>clz<u32>(needed - 1);
}

/** A block of at least `size` bytes that stays valid until `freeBlock`. Call only while the arena is empty. */
export function allocBlock(size: usize): usize {
  return takeBlock(size, 0);
}

export function freeBlock(block: usize): void {
  if (block == 0) return;
  const cls = load<u32>(block - BLOCK_HEADER);
  const head = freeLists + <usize>((<i32>cls - MIN_CLASS) << 2);
  store<u32>(block, load<u32>(head));
  store<u32>(head, <u32>block);
}

/**
 * Ends the callback and keeps `size` bytes at `source` (arena memory) in a block. The arena is reset first, so a
 * fresh block may start where arena data still lies: the bytes are moved before the block's header is written.
 */
export function promote(source: usize, size: usize): usize {
  // The source was allocated, so the memory is initialized.
  arenaTop = permanentTop;
  return takeBlock(size, source);
}

/** A free block of the size class of `size`, or a fresh one; with a `source`, its bytes are moved in first. */
function takeBlock(size: usize, source: usize): usize {
  ensureInitialized();
  const cls = classOf(size);
  const head = freeLists + <usize>((cls - MIN_CLASS) << 2);
  let block = <usize>load<u32>(head);
  if (block != 0) {
    store<u32>(head, load<u32>(block));
  } else {
    block = permanentTop + BLOCK_HEADER;
    const end = block + (<usize>1 << <usize>cls);
    ensureCapacity(end);
    permanentTop = end;
    arenaTop = end;
  }
  if (source != 0) memory.copy(block, source, size);
  // A reused block gets the same class again.
  store<u32>(block - BLOCK_HEADER, cls);
  return block;
}
