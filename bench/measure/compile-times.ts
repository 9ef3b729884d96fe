import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli-process.js";
import { msSince, nowNs } from "../clock.js";
import type { Example } from "../examples.js";
import type { BenchOptions } from "../options.js";
import type { CompileTiming } from "../report/results.js";
import { median } from "../stats.js";
import { compileExample } from "../compile-example.js";

/**
 * `filterc build` per example: as a cold CLI process (Node start, loading the compilers, writing every output
 * file) with the compiler cache as a user has it after the first build, the same with the cache off, and once on an
 * empty cache (docs/cli.md, "The compiler cache"); and warm in-process (compileRules after the compilers are loaded and JIT-compiled: what `filterc build
 * --watch` or an editor integration would see). Examples take turns in every run.
 */
export async function measureCompileTimes(examples: readonly Example[], options: BenchOptions): Promise<CompileTiming[]> {
  const out = mkdtempSync(join(tmpdir(), "filterc-bench-build-"));
  const cold: number[][] = examples.map(() => []);
  const noCache: number[][] = examples.map(() => []);
  const first: number[] = [];
  const build = (example: Example, env: Record<string, string> = {}): number => {
    const result = runCli(["build", example.file, "-o", join(out, example.name)], env);
    if (result.status !== 0) throw new Error(`filterc build ${example.file} failed (${result.status}):\n${result.stderr}`);
    return result.ms;
  };
  try {
    for (const example of examples) first.push(build(example, { FILTERC_CACHE_DIR: join(out, `cache-${example.name}`) }));
    for (let run = 0; run < options.coldBuildRuns; run++) {
      examples.forEach((example, i) => {
        cold[i]!.push(build(example));
        noCache[i]!.push(build(example, { FILTERC_CACHE: "off" }));
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  for (const example of examples) await compileExample(example);
  const warm: number[][] = examples.map(() => []);
  for (let run = 0; run < options.warmRuns; run++) {
    for (const [i, example] of examples.entries()) {
      const start = nowNs();
      await compileExample(example);
      warm[i]!.push(msSince(start));
    }
  }
  return examples.map((example, i) => ({
    example: example.name,
    coldCliMs: median(cold[i]!),
    coldCliRunsMs: cold[i]!,
    coldNoCacheMs: median(noCache[i]!),
    coldNoCacheRunsMs: noCache[i]!,
    coldFirstMs: first[i]!,
    warmMs: median(warm[i]!),
    warmRunsMs: warm[i]!,
  }));
}
