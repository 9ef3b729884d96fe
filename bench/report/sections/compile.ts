import { count, ms } from "../format.js";
import type { BenchResults } from "../results.js";
import { table } from "../table.js";

function buildTimes(r: BenchResults): string {
  if (r.compile === undefined) return "";
  const opt = (v: number | undefined) => (v === undefined ? "–" : ms(v));
  const rows = r.compile.map((c) => [c.example, ms(c.coldCliMs), opt(c.coldNoCacheMs), opt(c.coldFirstMs), ms(c.warmMs)]);
  return `## Compile time

${table(["example", "`filterc build`, cold process", "cold, cache off", "cold, first build (empty cache)", "warm, in process"], rows)}

Cold: \`node dist/cli/main.js build FILE -o DIR\` as a fresh process, wall time, median of ${r.settings.coldBuildRuns} runs, with
the compiler cache (binaryen split into its wasm and glue, [cli.md](cli.md#the-compiler-cache)) as every build after the
first finds it. Cache off: \`FILTERC_CACHE=off\`, in turns with those runs. First build: one run on an empty cache
directory, which splits binaryen and writes the cache. Warm: \`compileRules\` after the compilers are loaded, median of
${r.settings.warmRuns} runs.`;
}

function coldStartPhases(r: BenchResults): string {
  const p = r.coldStartPhases;
  if (p === undefined) return "";
  const rows = [
    ["Node start, until the probe's first line runs", "both", ms(p.nodeStartMs)],
    ["loading filterc's grammar and its parser library (chevrotain)", "both", ms(p.grammarMs)],
    ["loading the checker and lowering", "both", ms(p.frontEndMs)],
    ["loading the lint engine", "lint", ms(p.lintEngineMs)],
    ["loading binaryen (from the compiler cache) and the AssemblyScript compiler", "build", ms(p.compilersMs)],
    ["first compile: cold JIT, asc parses its standard library and filterc's runtime", "build", ms(p.firstCompileMs)],
    ["second compile of the same file in the same process", "–", ms(p.secondCompileMs)],
  ];
  return `Where a cold process spends its time (\`${p.example}\` in a fresh process that loads what lint and build
load, medians of ${r.settings.coldBuildRuns} runs):

${table(["phase", "paid by", "time"], rows, ["l", "l", "r"])}`;
}

function lintSpeed(r: BenchResults): string {
  const l = r.lint;
  if (l === undefined) return "";
  const how = l.method === "cli" ? "`filterc lint`" : "parse+check via `analyze()` (this build has no `filterc lint`)";
  const c = l.corpus;
  return `## Lint speed

Measured with ${how}.

${table([`one file, cold process (median of ${r.settings.coldLintRuns})`, "wall time"], l.coldOneFile.map((f) => [f.file, ms(f.ms)]))}

Corpus: ${count(c.files)} generated files with ${count(c.rules)} rules (\`bench/corpus/lint-corpus.ts\`), ${count(c.problems)}
problems reported. One cold process over all of it: ${ms(c.ms)}, **${count(c.rulesPerSecond)} rules/s**. Parse and
check alone, in process and warm: ${ms(c.analyzeMs)}, ${count(c.analyzeRulesPerSecond)} rules/s.`;
}

export function compileSection(r: BenchResults): string {
  return [buildTimes(r), coldStartPhases(r), lintSpeed(r)].filter((s) => s.length > 0).join("\n\n");
}
