import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "./package-path.js";
import { loadBinaryen, type Binaryen } from "./toolchain/binaryen-load.js";

type BinaryenModule = InstanceType<Binaryen["Module"]>;

/**
 * The AssemblyScript compiler, run in-process over an in-memory file system. This module is the only importer of
 * `assemblyscript/asc`; it loads lazily so commands that never compile (lint, fmt) never pay for it.
 */

export interface AscInput {
  /** Virtual files by path, e.g. `{ "filter.ts": "..." }`. runtime/ is mounted beside them as `runtime/`. */
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  readonly optimize: "size" | "speed";
  /** Keep the name section (function names in traps and stack traces); asc does not optimize. */
  readonly debug?: boolean;
  /**
   * Optimizes asc's module in place instead of asc's own pipeline, after compiling and before emitting (asc then
   * compiles without optimizing). The module still has asc's internal function names, whatever `debug` says.
   */
  readonly optimizeModule?: (module: BinaryenModule) => void;
  /** Repeat asc's pipeline until the module stops shrinking (without `optimizeModule`). */
  readonly converge?: boolean;
  /** Keep function names in an otherwise optimized build (for attributing its size). */
  readonly names?: boolean;
  /** Also produce the text format. */
  readonly wat?: boolean;
  /** Mount runtime/ (the default); tests that compile a raw ABI filter can turn it off. */
  readonly mountRuntime?: boolean;
  /** Where asc's static data starts (`--memoryBase`): the memory below is the caller's (see static-segment.ts). */
  readonly memoryBase?: number;
}

export interface AscOutput {
  readonly binary?: Uint8Array;
  readonly wat?: string;
  /** The compiler's own messages: a non-empty list with no binary is a bug in generated code. */
  readonly errors: string;
}

let runtimeFiles: Record<string, string> | undefined;
function loadRuntime(): Record<string, string> {
  if (runtimeFiles === undefined) {
    const dir = packagePath("runtime");
    runtimeFiles = {};
    for (const name of readdirSync(dir)) {
      if (name.endsWith(".ts")) runtimeFiles[`runtime/${name}`] = readFileSync(join(dir, name), "utf8");
    }
  }
  return runtimeFiles;
}

type AscModule = typeof import("assemblyscript/asc");
let ascPromise: Promise<AscModule["default"]> | undefined;
/** The AssemblyScript compiler, on the process's one binaryen (toolchain/binaryen-load.ts loads that first). */
export function loadAsc(): Promise<AscModule["default"]> {
  ascPromise ??= loadBinaryen().then(() => import("assemblyscript/asc").then((m) => m.default));
  return ascPromise;
}

export async function compileAssemblyScript(input: AscInput): Promise<AscOutput> {
  const asc = await loadAsc();
  const files: Record<string, string> = { ...(input.mountRuntime === false ? {} : loadRuntime()), ...input.files };
  const outputs: Record<string, Uint8Array | string> = {};
  let errors = "";
  const argv = [
    input.entry,
    "--outFile", "out.wasm",
    ...(input.wat ? ["--textFile", "out.wat"] : []),
    "--runtime", "stub",
    // Envoy provides no env.abort: failed assertions become traps.
    "--use", "abort=",
    "--noAssert",
    "--exportStart", "_initialize",
    ...(input.memoryBase === undefined ? [] : ["--memoryBase", String(input.memoryBase)]),
    // --debug keeps the name section in the output; a debug build is not optimized by asc.
    ...(input.debug || input.names ? ["--debug"] : []),
    ...(input.debug || input.optimizeModule !== undefined ? ["-O0"] : [input.optimize === "speed" ? "-O3" : "-Oz", ...(input.converge ? ["--converge"] : [])]),
  ];
  const optimizeModule = input.optimizeModule;
  // asc's hook after compiling, before validating and optimizing (at -O0, nothing) and emitting.
  const transforms = optimizeModule === undefined ? [] : [{ afterCompile: (module: BinaryenModule) => optimizeModule(module) }];
  const result = await withCrashCaught(() => asc.main(argv, {
    readFile: (name) => files[normalize(name)] ?? null,
    writeFile: (name, contents) => {
      outputs[normalize(name)] = contents;
    },
    listFiles: () => [],
    transforms: transforms as unknown as NonNullable<Parameters<typeof asc.main>[1]>["transforms"],
    stdout: asc.createMemoryStream(),
    stderr: asc.createMemoryStream((chunk) => {
      errors += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    }),
  }));
  const binary = outputs["out.wasm"];
  if (result.error !== null || !(binary instanceof Uint8Array)) {
    return { errors: errors || String(result.error) };
  }
  const wat = outputs["out.wat"];
  return { binary, wat: typeof wat === "string" ? wat : undefined, errors };
}

/** asc crashed ("Whoops, the AssemblyScript compiler has crashed"): always a bug in the code filterc generated. */
export class AscCrash extends Error {
  constructor(readonly detail: string) {
    super("the AssemblyScript compiler crashed on the generated code");
    this.name = "AscCrash";
  }
}

/**
 * On an exception inside its compiler, asc prints the stack with console.error and calls process.exit(1), which
 * would end filterc with exit 1 as if the rule file were wrong. While asc runs, exit throws instead and what asc
 * prints is kept as the crash's detail. Overlapping compilations share one installation.
 */
let crashGuards = 0;
let crashOutput = "";
const realExit = process.exit;
const realConsoleError = console.error;

async function withCrashCaught<T>(run: () => Promise<T>): Promise<T> {
  if (crashGuards++ === 0) {
    crashOutput = "";
    console.error = (...parts: unknown[]) => {
      crashOutput += parts.map(String).join(" ") + "\n";
    };
    process.exit = ((code?: number) => {
      throw new AscCrash(crashOutput || `asc exited with code ${code ?? "unset"}`);
    }) as typeof process.exit;
  }
  try {
    return await run();
  } finally {
    if (--crashGuards === 0) {
      process.exit = realExit;
      console.error = realConsoleError;
    }
  }
}

function normalize(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\.\//, "");
}
