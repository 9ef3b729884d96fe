#!/usr/bin/env node
// `npm run fuzz -- [--minutes N] [--seed N] [--programs N]`: the differential test of test/reference for N minutes
// (default 10) with batches of N programs (default 40), a fresh seed unless one is given. A failure prints the
// seed and the reduced program; FILTERC_FUZZ_SEED=<seed> npx vitest run test/reference/differential.e2e.test.ts
// replays the default-sized run, and `npm run fuzz -- --seed <seed>` the long one.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, seed: { type: "string" }, programs: { type: "string", default: "40" } },
});
const seed = values.seed ?? String(Date.now() % 2 ** 31);
console.log(`fuzz: ${values.minutes} minutes, seed ${seed}, ${values.programs} programs per batch`);
const env = { ...process.env, FILTERC_FUZZ_MINUTES: values.minutes, FILTERC_FUZZ_SEED: seed, FILTERC_FUZZ_PROGRAMS: values.programs };
const run = spawnSync("npx", ["vitest", "run", "test/reference/differential.e2e.test.ts"], { stdio: "inherit", env });
process.exit(run.status ?? 1);
