import { compileAssemblyScript } from "./asc.js";
import { sha256Hex } from "./digest.js";
import { ascOptimizes, optimizeModule, reoptimizeBinary, type OptimizeOptions } from "./optimize.js";
import { placedDataEnd, placeStaticData } from "./static-segment.js";
import { loadBinaryen } from "./toolchain/binaryen-load.js";

/**
 * The wasm step: generated AssemblyScript to filter.wasm, through one optimization pipeline on one module (asc's
 * own, or binaryen's run on asc's module before it is emitted; optimize.ts says which), and the module's digest,
 * computed here once for everything downstream (emit, the rule map, the CLI's summary).
 */

export interface WasmModule {
  readonly wasm: Uint8Array;
  /** Lower-case hex sha256 of `wasm`. */
  readonly sha256: string;
}

export interface WasmStepOptions extends OptimizeOptions {
  /** Also return the text format. */
  readonly wat?: boolean;
  /** Static data to place at `base` (the source's `DATA`); asc's own data then starts after it. Needs `outOfLine`. */
  readonly staticData?: { readonly base: number; readonly bytes: Uint8Array };
}

export type WasmStepResult = (WasmModule & { readonly wat?: string }) | { readonly errors: string };

export async function compileWasm(source: string, options: WasmStepOptions): Promise<WasmStepResult> {
  const binaryen = ascOptimizes(options) ? undefined : await loadBinaryen();
  const placed = options.staticData;
  if (placed !== undefined && binaryen === undefined) throw new Error("internal: static data is placed only in modules binaryen optimizes");
  const asc = await compileAssemblyScript({
    files: { "filter.ts": source },
    entry: "filter.ts",
    optimize: options.goal,
    debug: options.debug,
    names: options.names,
    wat: options.wat,
    converge: true,
    memoryBase: placed === undefined ? undefined : placedDataEnd(placed),
    optimizeModule:
      binaryen === undefined
        ? undefined
        : (module) => {
            if (placed !== undefined) placeStaticData(module, placed);
            optimizeModule(binaryen, module, options);
          },
  });
  if (asc.binary === undefined) return { errors: asc.errors };
  // After asc's own pipeline, binaryen's once more (see reoptimizeBinary).
  const again = binaryen === undefined ? reoptimizeBinary(await loadBinaryen(), asc.binary, options) : undefined;
  const { wasm, wat } = again ?? { wasm: asc.binary, wat: asc.wat };
  return { wasm, sha256: sha256Hex(wasm), wat };
}
