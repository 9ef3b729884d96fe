import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A young-generation collection on demand, without starting Node with --expose-gc (`npm run bench` runs plain
 * `node`): the flag can be set at runtime, and a fresh context then sees `gc`. The benchmark collects before each
 * timed batch so that the garbage one module's streams leave behind (the host allocates per stream) is not
 * collected, and paid for, during the next module's batch. Only the young generation: a full collection also
 * discards compiled code and inline caches, and the next batch would then measure a cold JIT (measured: 2-3x
 * slower batches, against equal or better pairing with a minor collection).
 */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options: { type: "minor" | "major" }) => void;

export function collectYoungGarbage(): void {
  if (process.env.BENCH_NO_GC !== "1") gc({ type: "minor" });
}
