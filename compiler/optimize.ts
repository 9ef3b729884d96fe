import { loadBinaryen } from "./toolchain/binaryen-load.js";

/**
 * Binaryen: validates the module asc produced and runs the final optimization. binaryen loads lazily
 * (toolchain/binaryen-load.ts), so commands that never build do not pay for it.
 */

export interface OptimizeOptions {
  readonly goal: "size" | "speed";
  /** Keep the name section so traps name the rule function. */
  readonly debug?: boolean;
  /** Keep the name section, optimizing as a release build does (debug also keeps every function out of line). */
  readonly names?: boolean;
  /** Also return the text format of the final module. */
  readonly wat?: boolean;
  /**
   * Functions never inlined (a binaryen name pattern such as `*rule_*`; needs the names asc keeps with --debug).
   * Inlining a thousand rules into one callback makes binaryen's passes superlinear in the function's size.
   */
  readonly outOfLine?: string;
}

export interface OptimizeResult {
  readonly binary?: Uint8Array;
  readonly wat?: string;
  readonly error?: string;
}

export async function optimizeWasm(input: Uint8Array, options: OptimizeOptions): Promise<OptimizeResult> {
  const binaryen = await loadBinaryen();
  const module = binaryen.readBinary(input);
  try {
    // readBinary assumes MVP; asc emits bulk memory and sign extension, which Envoy's V8 accepts.
    const f = binaryen.Features;
    module.setFeatures(f.MutableGlobals | f.NontrappingFPToInt | f.BulkMemory | f.BulkMemoryOpt | f.SignExt);
    if (!module.validate()) return { error: "the generated module does not validate" };
    binaryen.setOptimizeLevel(options.goal === "speed" ? 3 : 2);
    binaryen.setShrinkLevel(options.goal === "speed" ? 0 : 2);
    binaryen.setDebugInfo(options.debug === true || options.names === true);
    if (options.debug) {
      // Keep every function (each rule is one) out of line, so a trap names the rule it happened in.
      const inlining = [binaryen.getAlwaysInlineMaxSize(), binaryen.getFlexibleInlineMaxSize(), binaryen.getOneCallerInlineMaxSize()] as const;
      binaryen.setAlwaysInlineMaxSize(0);
      binaryen.setFlexibleInlineMaxSize(0);
      binaryen.setOneCallerInlineMaxSize(0);
      try {
        module.optimize();
      } finally {
        binaryen.setAlwaysInlineMaxSize(inlining[0]);
        binaryen.setFlexibleInlineMaxSize(inlining[1]);
        binaryen.setOneCallerInlineMaxSize(inlining[2]);
      }
    } else {
      if (options.outOfLine !== undefined) {
        binaryen.setPassArgument("no-inline", options.outOfLine);
        try {
          module.runPasses(["no-inline"]);
        } finally {
          binaryen.setPassArgument("no-inline", null);
        }
      }
      module.optimize();
    }
    const binary = module.emitBinary();
    return options.wat ? { binary, wat: module.emitText() } : { binary };
  } finally {
    module.dispose();
  }
}
