// Builds filters written with the third-party AssemblyScript SDK (@solo-io/proxy-runtime 0.1.8), which needs the
// old assemblyscript 0.17 compiler (installed as the npm alias "assemblyscript-0.17"). The compiler is CommonJS
// and patches process globals when it loads; those patches are undone so the embedding process (the test runner,
// the benchmark) keeps its own. Used by test/host/sdk.test.ts and by the benchmark's SDK peers.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath, repoRoot } from "../repo-root.js";

const require = createRequire(repoPath("package.json"));

interface Asc017 {
  ready: Promise<void>;
  main(
    argv: string[],
    options: {
      readFile(name: string, baseDir: string): string | null;
      writeFile(name: string, contents: Uint8Array | string): void;
      listFiles(): string[];
      stdout: unknown;
      stderr: unknown;
    },
    callback: (error: Error | null) => number,
  ): number;
  createMemoryStream(onData?: (chunk: Uint8Array | string) => void): unknown;
}

let asc: Asc017 | undefined;
function loadAsc017(): Asc017 {
  if (asc === undefined) {
    const listeners = process.listeners("uncaughtException");
    const exit = process.exit;
    asc = require("assemblyscript-0.17/cli/asc") as Asc017;
    process.exit = exit;
    for (const listener of listeners) {
      if (!process.listeners("uncaughtException").includes(listener)) process.on("uncaughtException", listener);
    }
  }
  return asc;
}

export interface SdkCompileOptions {
  /**
   * Keep the name section (`--debug`, the default, as the SDK's own untouched build). The benchmark turns it off
   * to measure what a user ships: the SDK's documented release flags are `--optimize` without `--debug`.
   */
  readonly debug?: boolean;
}

/** Compiles an SDK filter (entry source) with the SDK's documented flags; cached in the temp directory. */
export async function compileSdkFilter(source: string, options: SdkCompileOptions = {}): Promise<Uint8Array> {
  const flags = ["--use", "abort=abort_proc_exit", "--optimize", ...(options.debug === false ? [] : ["--debug"])];
  const version = (name: string): string => readFileSync(repoPath("node_modules", name, "package.json"), "utf8");
  const key = createHash("sha256")
    .update(source)
    .update(flags.join(" "))
    .update(version("@solo-io/proxy-runtime"))
    .update(version("assemblyscript-0.17"))
    .digest("hex");
  const cacheDir = join(tmpdir(), "filterc-host-testdata");
  const file = join(cacheDir, `sdk-${key}.wasm`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    // not cached yet
  }
  const compiler = loadAsc017();
  await compiler.ready;
  const outputs: Record<string, Uint8Array | string> = {};
  let errors = "";
  compiler.main(
    ["filter.ts", "--binaryFile", "out.wasm", ...flags, "--baseDir", repoRoot],
    {
      readFile: (name, baseDir) => {
        if (name === "filter.ts") return source;
        try {
          return readFileSync(join(baseDir, name), "utf8");
        } catch {
          return null;
        }
      },
      writeFile: (name, contents) => {
        outputs[name] = contents;
      },
      listFiles: () => [],
      stdout: compiler.createMemoryStream(),
      stderr: compiler.createMemoryStream((chunk) => {
        errors += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      }),
    },
    (error) => {
      if (error) errors += String(error);
      return 0;
    },
  );
  const binary = outputs["out.wasm"];
  if (!(binary instanceof Uint8Array)) throw new Error(`assemblyscript 0.17 failed:\n${errors}`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, binary);
  renameSync(`${file}.${process.pid}.tmp`, file);
  return binary;
}
