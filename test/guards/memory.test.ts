import { describe, expect, it } from "vitest";
import { scenariosFor } from "../../bench/scenarios.js";
import { benchHost, examples } from "./support.js";

const CYCLES = 100_000;

/**
 * Linear memory after 100,000 request/response cycles of the benchmark's requests: one 64 KiB page, the same as
 * after the warm-up (the benchmark runs 1,000,000 cycles; this is the guard's tenth of it).
 */
describe(`memory pages after ${CYCLES.toLocaleString("en-US")} cycles`, () => {
  for (const example of examples) {
    it(`${example.file} keeps one page`, async () => {
      const host = await benchHost(example);
      const specs = scenariosFor(example.name).map((s) => s.spec);
      for (const spec of specs) host.runStream(spec);
      const afterWarmup = host.memoryPages();
      for (let i = 0; i < CYCLES; i++) host.runStream(specs[i % specs.length]);
      expect(host.state).toBe("ok");
      expect({ afterWarmup, afterCycles: host.memoryPages() }).toEqual({ afterWarmup: 1, afterCycles: 1 });
    });
  }
});
