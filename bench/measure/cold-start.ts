import { pathToFileURL } from "node:url";
import { runNodeModule } from "../cli-process.js";
import type { BenchOptions } from "../options.js";
import type { ColdBuildPhases } from "../report/results.js";
import { repoPath } from "../repo-root.js";
import { median } from "../stats.js";

/**
 * Where a cold `filterc build` spends its time, in a fresh process: Node's own start, loading filterc's front end,
 * loading the AssemblyScript compiler and binaryen, the first compile (asc compiling its standard library and
 * filterc's runtime with a cold JIT), and a second compile of the same file for comparison.
 */
const PROBE = (example: string): string => {
  const url = (path: string): string => JSON.stringify(pathToFileURL(repoPath("dist", path)).href);
  return `
const t0 = performance.now();
const { compileRules } = await import(${url("compiler/build.js")});
const { Source } = await import(${url("compiler/source.js")});
const { readFileSync } = await import("node:fs");
const t1 = performance.now();
await import("assemblyscript/asc");
await import("binaryen");
const t2 = performance.now();
const source = new Source(${JSON.stringify(example)}, readFileSync(${JSON.stringify(repoPath(example))}, "utf8"));
await compileRules(source);
const t3 = performance.now();
await compileRules(source);
const t4 = performance.now();
process.stdout.write(JSON.stringify({ nodeStartMs: t0, frontEndMs: t1 - t0, compilersMs: t2 - t1, firstCompileMs: t3 - t2, secondCompileMs: t4 - t3 }));
`;
};

export function measureColdBuildPhases(exampleFile: string, options: BenchOptions): ColdBuildPhases {
  const runs: ColdBuildPhases[] = [];
  for (let i = 0; i < options.coldRuns; i++) {
    const result = runNodeModule(PROBE(exampleFile));
    if (result.status !== 0) throw new Error(`the cold-start probe failed:\n${result.stderr}`);
    runs.push(JSON.parse(result.stdout) as ColdBuildPhases);
  }
  const phase = (key: keyof ColdBuildPhases): number => median(runs.map((r) => r[key] as number));
  return {
    example: exampleFile,
    nodeStartMs: phase("nodeStartMs"),
    frontEndMs: phase("frontEndMs"),
    compilersMs: phase("compilersMs"),
    firstCompileMs: phase("firstCompileMs"),
    secondCompileMs: phase("secondCompileMs"),
  };
}
