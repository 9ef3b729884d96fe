import { pathToFileURL } from "node:url";
import { runNodeModule } from "../cli-process.js";
import type { BenchOptions } from "../options.js";
import type { ColdStartPhases } from "../report/results.js";
import { repoPath } from "../repo-root.js";
import { median } from "../stats.js";

/**
 * Where a cold CLI process spends its time, measured in a fresh process that loads what `filterc lint` and
 * `filterc build` load, in their order: Node's own start, filterc's grammar with its parser library, the
 * checker, the lint engine (lint stops here), binaryen and the AssemblyScript compiler (as the build command
 * loads them: with its V8 settings, and binaryen from filterc's cache, see compiler/toolchain/binaryen-load.ts),
 * the first compile (a cold JIT: asc parses its standard library and filterc's runtime), and a second compile of
 * the same file.
 */
function probe(exampleFile: string): string {
  const url = (path: string): string => JSON.stringify(pathToFileURL(repoPath("dist", path)).href);
  return `
const mark = [performance.now()];
await import(${url("grammar/index.js")});
mark.push(performance.now());
const { compileRules } = await import(${url("compiler/build.js")});
const { Source } = await import(${url("grammar/source.js")});
mark.push(performance.now());
await import(${url("compiler/lint/index.js")});
mark.push(performance.now());
// As \`filterc build\` does before it loads the compilers.
(await import(${url("cli/wasm-start.js")})).preferQuickWasmStart();
await (await import(${url("compiler/asc.js")})).loadAsc();
mark.push(performance.now());
const { readFileSync } = await import("node:fs");
const source = new Source(${JSON.stringify(exampleFile)}, readFileSync(${JSON.stringify(repoPath(exampleFile))}, "utf8"));
await compileRules(source);
mark.push(performance.now());
await compileRules(source);
mark.push(performance.now());
const d = (i) => mark[i] - mark[i - 1];
process.stdout.write(JSON.stringify({
  nodeStartMs: mark[0], grammarMs: d(1), frontEndMs: d(2), lintEngineMs: d(3), compilersMs: d(4),
  firstCompileMs: d(5), secondCompileMs: d(6),
}));
`;
}

type Phase = Exclude<keyof ColdStartPhases, "example">;
const PHASES: readonly Phase[] = ["nodeStartMs", "grammarMs", "frontEndMs", "lintEngineMs", "compilersMs", "firstCompileMs", "secondCompileMs"];

export function measureColdStartPhases(exampleFile: string, options: BenchOptions): ColdStartPhases {
  const runs: Array<Record<Phase, number>> = [];
  for (let i = 0; i < options.coldBuildRuns; i++) {
    const result = runNodeModule(probe(exampleFile));
    if (result.status !== 0) throw new Error(`the cold-start probe failed:\n${result.stderr}`);
    runs.push(JSON.parse(result.stdout) as Record<Phase, number>);
  }
  const phases = Object.fromEntries(PHASES.map((p) => [p, median(runs.map((r) => r[p]))])) as Record<Phase, number>;
  return { example: exampleFile, ...phases };
}
