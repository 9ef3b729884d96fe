// Request values that response rules read. Envoy lets a filter read the request header map only during request
// callbacks, so the request phase copies what the response phase needs into a block owned by the stream.
// Block layout: `count` entries (a Str whose pointer is the offset from the block start, or ABSENT), then bytes
// (each value's at the next 8-byte boundary, as the arena hands them out).
import { arenaAlloc, promote } from "./memory";
import { ABSENT, Str, str, strLen, strPtr } from "./str";
import { resumedCaptures, streamKeep } from "./streams";

let building: usize = 0;
let end: usize = 0;

/** Starts a capture record of `count` values. */
export function captureBegin(count: u32): void {
  building = arenaAlloc(<usize>count * 8);
  end = building + <usize>count * 8;
}

/** Value `index` of the record. Nothing else allocates before captureCommit, so the bytes follow one another. */
export function captureSet(index: u32, value: Str): void {
  const len = strLen(value);
  const at = arenaAlloc(len);
  memory.copy(at, strPtr(value), len);
  end = at + len;
  // The offset from the record's start in place of the pointer.
  store<u64>(building + <usize>index * 8, value == ABSENT ? ABSENT : str(at - building, len));
}

/** Keeps the record for stream `ctx`, with its `flags` (see streams.ts). Ends the callback's arena: call it last. */
export function captureCommit(ctx: u32, flags: u64): void {
  streamKeep(ctx, flags, promote(building, end - building));
}

/** Captured value `index` of the stream streamResume looked up, or ABSENT. */
export function captured(index: u32): Str {
  const block = resumedCaptures();
  if (block == 0) return ABSENT;
  const value = load<u64>(block + <usize>index * 8);
  // The offset becomes a pointer (the low half; no carry, memory is below 4 GiB).
  return value == ABSENT ? ABSENT : value + <u64>block;
}
