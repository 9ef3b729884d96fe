import type { Binaryen } from "./toolchain/binaryen-load.js";

/**
 * Binaryen's optimizer, run on the module asc has just compiled (asc.ts hands it over before emitting), so the
 * module goes through one optimization pipeline and is never emitted and read back in between. Used where asc's
 * own pipeline does not fit: large programs, whose rule functions must stay out of line, and debug builds.
 * Other builds let asc optimize alone (see `ascOptimizes`).
 */

export interface OptimizeOptions {
  readonly goal: "size" | "speed";
  /** Keep the name section so traps name the rule function; also keeps every function out of line. */
  readonly debug?: boolean;
  /** Keep the name section, optimizing as a release build does. */
  readonly names?: boolean;
  /**
   * Functions never inlined (a binaryen name pattern such as `*rule_*`, matched against asc's internal names).
   * Inlining a thousand rules into one callback makes binaryen's passes superlinear in the function's size.
   */
  readonly outOfLine?: string;
}

/**
 * Whether asc's own pipeline optimizes (the default for small release builds; reoptimizeBinary then runs binaryen's
 * once more, with more inlining): asc's pipeline, repeated until the
 * module stops shrinking, ends up no larger than asc's followed by binaryen's default pipeline (size: hello 598,
 * security-headers 3,727, canary 3,773, admin-gate 5,643 bytes against 598, 3,728, 3,778, 5,643; speed builds
 * 0-8 bytes smaller too), where binaryen's default pipeline alone on asc's unoptimized module leaves them 0.2-1.5%
 * larger. Large programs keep binaryen's pipeline: asc's inlines less well around out-of-line rules (1,000 rules:
 * 187,117 bytes against 184,842) and takes twice as long.
 */
export function ascOptimizes(options: OptimizeOptions): boolean {
  return options.debug !== true && options.outOfLine === undefined;
}

/** Optimizes `module` (asc's, unoptimized) in place; throws when it does not validate. */
export function optimizeModule(binaryen: Binaryen, module: InstanceType<Binaryen["Module"]>, options: OptimizeOptions, oneCallerInlineMaxSize = 80): void {
  if (!module.validate()) throw new Error("the generated module does not validate");
  // binaryen's settings are global to the process and asc changes them in every compile, after this runs: set all
  // that the pipeline reads, to the values asc's unoptimized compile used to leave for it.
  binaryen.setOptimizeLevel(options.goal === "speed" ? 3 : 2);
  binaryen.setShrinkLevel(options.goal === "speed" ? 0 : 2);
  binaryen.setDebugInfo(options.debug === true || options.names === true);
  binaryen.setFastMath(true);
  binaryen.setZeroFilledMemory(false);
  binaryen.setGenerateStackIR(false);
  binaryen.setOptimizeStackIR(false);
  binaryen.setAllowInliningFunctionsWithLoops(false);
  binaryen.setPassArgument("partial-inlining-ifs", "0");
  // A debug build keeps every function (each rule is one) out of line, so a trap names the rule it happened in.
  binaryen.setAlwaysInlineMaxSize(options.debug ? 0 : 2);
  binaryen.setFlexibleInlineMaxSize(options.debug ? 0 : 65);
  binaryen.setOneCallerInlineMaxSize(options.debug ? 0 : oneCallerInlineMaxSize);
  if (options.outOfLine !== undefined && !options.debug) {
    binaryen.setPassArgument("no-inline", options.outOfLine);
    try {
      module.runPasses(["no-inline"]);
    } finally {
      binaryen.setPassArgument("no-inline", null);
    }
  }
  module.optimize();
}

/**
 * The features asc 0.28 compiles with (bulk memory and sign extension on top of MVP; see the shared toolchain
 * notes): a module binaryen reads back must be told them, and gains no others, so it stays loadable in Envoy.
 */
function ascFeatures(binaryen: Binaryen): number {
  const f = binaryen.Features;
  return f.MVP | f.MutableGlobals | f.NontrappingFPToInt | f.SignExt | f.BulkMemory | f.BulkMemoryOpt;
}

/**
 * binaryen's default pipeline once more over a module asc has optimized, inlining functions with one caller up to
 * 200 bytes (what is left to inline after asc's pipeline is the configuration reader's parts, each called from one
 * place): the examples with params come out 9 to 22 bytes smaller (admin-gate 5,873 to 5,851), hello would be 1
 * byte larger, so the smaller of the two is kept (undefined: asc's). Under 10 ms for a small module.
 */
export function reoptimizeBinary(binaryen: Binaryen, wasm: Uint8Array, options: OptimizeOptions & { readonly wat?: boolean }): { wasm: Uint8Array; wat?: string } | undefined {
  const module = binaryen.readBinary(wasm);
  try {
    module.setFeatures(ascFeatures(binaryen));
    optimizeModule(binaryen, module, options, 200);
    const again = module.emitBinary();
    if (again.length >= wasm.length) return undefined;
    return { wasm: again, wat: options.wat ? module.emitText() : undefined };
  } finally {
    module.dispose();
  }
}
