import { describe, expect, it } from "vitest";
import { BODY_SCAN_PATTERN_COUNTS, bodyScanContenders, bodyScanOutcomes } from "../../bench/body-scan.js";

/**
 * The body-scan section (bench/body-scan.ts) compares filterc's build with a hand-written module: both must make
 * the same host calls for the 1 MB body (one proxy_get_buffer_bytes at its end, however many chunks) and pass
 * it, and refuse the same body ending in a pattern.
 */
describe("body-scan: filterc's build and the hand-written module", () => {
  for (const count of BODY_SCAN_PATTERN_COUNTS) {
    it(`${count} pattern(s): the same host calls and outcomes`, async () => {
      const [filterc, minimal] = await bodyScanContenders(count);
      const mine = await bodyScanOutcomes(filterc, count);
      const byHand = await bodyScanOutcomes(minimal, count);
      expect(mine.hostCalls).toBe(1);
      expect(byHand).toEqual(mine);
      expect(mine.observed.map((o) => JSON.parse(o).status)).toEqual([200, 403]);
    });
  }
});
