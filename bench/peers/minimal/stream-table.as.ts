// One u32 per stream that needs one (a flag, a block), keyed by context id: open addressing over a fixed table
// in static memory, with backward-shift deletion. Streams that need nothing are never entered. Fixed capacity keeps
// the peer small; 1,023 concurrent streams is more than one benchmark stream needs.

const CAPACITY: u32 = 1024;
const table = memory.data(<i32>CAPACITY * 8);

// @ts-ignore: decorator
@inline function home(ctx: u32): u32 {
  return (ctx * 0x9e3779b1) & (CAPACITY - 1);
}

function find(ctx: u32): usize {
  let i = home(ctx);
  for (;;) {
    const at = table + (<usize>i << 3);
    const id = load<u32>(at);
    if (id == ctx || id == 0) return at;
    i = (i + 1) & (CAPACITY - 1);
  }
  return unreachable();
}

/** The value kept for stream `ctx`, or 0. */
export function streamValue(ctx: u32): u32 {
  const at = find(ctx);
  return load<u32>(at) == 0 ? 0 : load<u32>(at + 4);
}

export function setStreamValue(ctx: u32, value: u32): void {
  const at = find(ctx);
  store<u32>(at, ctx);
  store<u32>(at + 4, value);
}

/** Forgets stream `ctx` and returns what was kept for it (0 if nothing). */
export function forgetStream(ctx: u32): u32 {
  let at = find(ctx);
  if (load<u32>(at) == 0) return 0;
  const value = load<u32>(at + 4);
  let hole = <u32>((at - table) >> 3);
  let i = hole;
  for (;;) {
    i = (i + 1) & (CAPACITY - 1);
    const next = table + (<usize>i << 3);
    const id = load<u32>(next);
    if (id == 0) break;
    const h = home(id);
    // The entry may fill the hole unless its home lies cyclically in (hole, i].
    const stays = hole <= i ? h > hole && h <= i : h > hole || h <= i;
    if (!stays) {
      store<u64>(table + (<usize>hole << 3), load<u64>(next));
      hole = i;
    }
  }
  store<u64>(table + (<usize>hole << 3), 0);
  return value;
}
