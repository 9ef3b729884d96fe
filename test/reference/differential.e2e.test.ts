/**
 * Differential fuzzing: generated programs compiled and run in host/ must give exactly the reference interpreter's
 * outcome. Seeded: a failure prints the seed, and FILTERC_FUZZ_SEED=... reproduces it. `npm run fuzz` runs the same
 * property for longer (test/reference/fuzz.mjs).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkBatch, describeMismatch, type Batch } from "./differential.js";
import { batchArbitrary } from "./generator.js";

const seed = Number(process.env.FILTERC_FUZZ_SEED ?? 13);
/** Batches of PROGRAMS_PER_BATCH programs, each batch compiled once: 5 x 20 programs with 10 exchanges each. */
const batches = Number(process.env.FILTERC_FUZZ_BATCHES ?? 5);
const minutes = Number(process.env.FILTERC_FUZZ_MINUTES ?? 0);
const PROGRAMS_PER_BATCH = Number(process.env.FILTERC_FUZZ_PROGRAMS ?? 20);
const EXCHANGES_PER_PROGRAM = 10;

describe("compiled filters and the reference interpreter", () => {
  it(`agree on generated programs and traffic (seed ${seed})`, { timeout: Math.max(minutes * 60_000 * 2, 600_000) }, async () => {
    const deadline = minutes > 0 ? Date.now() + minutes * 60_000 : Infinity;
    let ran = 0;
    const property = fc.asyncProperty(batchArbitrary(PROGRAMS_PER_BATCH, EXCHANGES_PER_PROGRAM), async (batch: Batch) => {
      if (Date.now() > deadline) return;
      ran++;
      const mismatch = await checkBatch(batch);
      if (mismatch !== undefined) throw new Error(`the compiled filter and the interpreter disagree\n${describeMismatch(mismatch)}`);
    });
    // Reduction happens inside the property (differential.ts), so fast-check's own shrinking is not needed, and its
    // report (the whole batch) would bury the reduced program: the property's own error is reported instead.
    const details = await fc.check(property, { seed, numRuns: minutes > 0 ? 2 ** 31 - 1 : batches, endOnFailure: true, interruptAfterTimeLimit: minutes > 0 ? minutes * 60_000 : undefined });
    if (details.failed) throw new Error(`seed ${seed}, run ${details.numRuns}: ${String(details.errorInstance)}`);
    console.log(`differential: ${ran} batches of ${PROGRAMS_PER_BATCH} programs, ${EXCHANGES_PER_PROGRAM} exchanges each, seed ${seed}`);
  });
});
