import { setFlagsFromString } from "node:v8";

/**
 * The compilers run on binaryen, a 10 MB wasm module. In a process that builds once, V8's background recompiles of
 * its hot functions with the optimizing tier cost more than they save, and on a busy machine they compete with the
 * build itself: staying on the baseline compiler made cold builds 1.3-2x faster (interleaved runs on a loaded
 * 2-core machine). Must run before binaryen is loaded; the flag is process-wide, so only the commands that
 * compile (build, test, run) set it, and the filters they then run in the host are fine on the baseline tier.
 */
export function preferQuickWasmStart(): void {
  setFlagsFromString("--liftoff-only");
}
