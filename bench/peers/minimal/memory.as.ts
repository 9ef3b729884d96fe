// Memory for the hand-written AssemblyScript peers, with the same guarantee as filterc's runtime (linear memory
// does not grow with the request count) and the least code that gives it:
// - an arena for everything one callback needs, including every buffer the host asks `malloc` for, emptied when
//   the callback returns;
// - blocks that outlive a callback (what a stream keeps for its response phase), in power-of-two size classes
//   with free lists, carved below the arena only when the arena is empty.

let blocksTop: usize = 0;
let arenaTop: usize = 0;
const freeLists = memory.data(32 * 4);

// @ts-ignore: decorator
@inline function start(): void {
  if (blocksTop == 0) {
    blocksTop = (__heap_base + 7) & ~7;
    arenaTop = blocksTop;
  }
}

function reserve(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) unreachable();
}

export function arenaAlloc(size: usize): usize {
  start();
  const ptr = arenaTop;
  const end = (ptr + size + 7) & ~7;
  reserve(end);
  arenaTop = end;
  return ptr;
}

export function resetArena(): void {
  start();
  arenaTop = blocksTop;
}

/** The allocator the host calls for the buffers it hands over: they live until the callback returns. */
export function malloc(size: usize): usize {
  return arenaAlloc(size);
}

/**
 * Ends the callback: empties the arena and keeps `size` bytes from `source` (arena data) in a block. A fresh block
 * may overlap the arena data it is made from, so the bytes move before the block's header is written.
 */
export function keep(source: usize, size: usize): usize {
  start();
  arenaTop = blocksTop;
  const cls = size <= 16 ? 4 : 32 - <i32>clz<u32>(<u32>size - 1);
  const head = freeLists + (<usize>cls << 2);
  const free = <usize>load<u32>(head);
  if (free != 0) {
    store<u32>(head, load<u32>(free));
    memory.copy(free, source, size);
    return free;
  }
  const block = blocksTop + 8;
  const end = block + (<usize>1 << <usize>cls);
  reserve(end);
  memory.copy(block, source, size);
  store<u32>(blocksTop, <u32>cls);
  blocksTop = end;
  arenaTop = end;
  return block;
}

export function release(block: usize): void {
  const head = freeLists + (<usize>load<u32>(block - 8) << 2);
  store<u32>(block, load<u32>(head));
  store<u32>(head, <u32>block);
}
