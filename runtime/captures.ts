// Request values that response rules read. Envoy lets a filter read the request header map only during request
// callbacks, so the request phase copies what the response phase needs into a block owned by the stream.
// Block layout: `count` entries of (u32 offset from the block start, u32 length; 0xffffffff = absent), then bytes.
import { arenaAlloc, promote } from "./memory";
import { ABSENT, Str, str, strLen, strPtr } from "./str";
import { streamCaptures, streamSetCaptures } from "./streams";

let building: usize = 0;
let buildingSize: usize = 0;
let writeAt: usize = 0;

/** Starts a capture record of `count` values whose bytes add up to `textSize`. */
export function captureBegin(count: u32, textSize: usize): void {
  buildingSize = <usize>count * 8 + textSize;
  building = arenaAlloc(buildingSize);
  writeAt = <usize>count * 8;
}

export function captureSet(index: u32, value: Str): void {
  const entry = building + <usize>index * 8;
  if (value == ABSENT) {
    store<u32>(entry, 0);
    store<u32>(entry + 4, 0xffffffff);
    return;
  }
  const len = strLen(value);
  store<u32>(entry, <u32>writeAt);
  store<u32>(entry + 4, <u32>len);
  memory.copy(building + writeAt, strPtr(value), len);
  writeAt += len;
}

/** Keeps the record for stream `ctx`. Ends the callback's arena: call it last. */
export function captureCommit(ctx: u32): void {
  streamSetCaptures(ctx, promote(building, buildingSize));
}

/** Captured value `index` of stream `ctx`, or ABSENT. */
export function captured(ctx: u32, index: u32): Str {
  const block = streamCaptures(ctx);
  if (block == 0) return ABSENT;
  const entry = block + <usize>index * 8;
  const len = load<u32>(entry + 4);
  if (len == 0xffffffff) return ABSENT;
  return str(block + <usize>load<u32>(entry), <usize>len);
}
