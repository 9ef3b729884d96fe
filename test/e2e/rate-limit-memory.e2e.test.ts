import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BUCKETS, KEY_FLOOD_REQUESTS, LIMITS_FILE, LOCAL_LIMIT_RULES, keyFlood } from "../../bench/limits.js";
import { compileText } from "../support/compile.js";

/**
 * Issue 16: memory stays flat whatever the number of clients. 100,000 requests, each with an API key never seen
 * before and one millisecond apart, go through the local limit `limit 100 per minute by request.header["x-api-key"]
 * burst 50` (4096 slots, the default): linear memory is the same after the first 1,000 as at the end, and shared
 * data holds at most the 4096 slots and the overflow bucket, however many keys came. A key's bucket is full again
 * 600 ms after its one request, so slots are taken over; keys that meet a slot held by a younger key are decided on
 * the overflow bucket (collisions), which empties, so some requests are refused: every path of the bucket runs.
 */
describe(`local limit: ${KEY_FLOOD_REQUESTS.toLocaleString("en-US")} distinct keys`, () => {
  let wasm: Uint8Array;
  // As bench/limits.ts's compileLimitRules builds it, from the compiled-module cache; a loaded machine can take
  // minutes to compile.
  beforeAll(async () => {
    wasm = await compileText(LOCAL_LIMIT_RULES, LIMITS_FILE, { optimize: "size" });
  }, 300_000);

  // The flood itself takes about 5 s on a busy 2-core machine; the margin is for a busier one.
  it("keep linear memory flat and shared data within the declared slots", async () => {
    const flood = await keyFlood(wasm);
    expect(flood.pagesAtEnd).toBe(flood.pagesAfterWarmup);
    expect(flood.pagesAtEnd).toBe(1);
    expect(flood.sharedEntries).toBeLessThanOrEqual(DEFAULT_BUCKETS + 1);
    // The figures are deterministic: a change to the slot choice or the takeover rule shows up here.
    expect(flood).toEqual({
      requests: 100_000,
      pagesAtLoad: 1,
      pagesAfterWarmup: 1,
      pagesAtEnd: 1,
      sharedEntries: 4097,
      admitted: 87_694,
      refused: 12_306,
      collisions: 12_622,
    });
  }, 180_000);
});
