import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { analyze } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { cliHasCommand, runCli, runNodeModule, type CliRun } from "../cli-process.js";
import { msSince, nowNs } from "../clock.js";
import { writeLintCorpus } from "../corpus/lint-corpus.js";
import type { Example } from "../examples.js";
import type { BenchOptions } from "../options.js";
import type { LintTiming } from "../report/results.js";
import { repoPath } from "../repo-root.js";
import { median } from "../stats.js";

/** Parses and checks every file of a directory in process; returns the elapsed ms. */
function analyzeAll(dir: string): number {
  const files = readdirSync(dir).map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
  const start = nowNs();
  for (const file of files) analyze(new Source(file.name, file.text));
  return msSince(start);
}

/** Without a lint command: a fresh process that loads the front end and parses and checks one file. */
function coldAnalyze(file: string): CliRun {
  const url = (path: string): string => JSON.stringify(pathToFileURL(repoPath("dist", path)).href);
  return runNodeModule(
    `import { analyze } from ${url("compiler/build.js")}; import { Source } from ${url("grammar/source.js")};\n` +
      `import { readFileSync } from "node:fs"; const f = ${JSON.stringify(file)};\n` +
      `analyze(new Source(f, readFileSync(f, "utf8")));`,
  );
}

/** Counts the problems in `filterc lint -f json` output (an array of files with error and warning counts). */
function countProblems(json: string): number {
  const files = JSON.parse(json) as Array<{ errorCount: number; warningCount: number }>;
  return files.reduce((sum, f) => sum + f.errorCount + f.warningCount, 0);
}

/**
 * `filterc lint` cold on one file (each example), and its throughput on a generated corpus of rule files as one
 * cold process. Without a lint command, parse+check throughput in process via analyze() stands in (and says so).
 * The in-process analyze() figure is reported either way: it separates the per-rule cost from process start.
 */
export function measureLintSpeed(examples: readonly Example[], options: BenchOptions): LintTiming {
  const method = cliHasCommand("lint") ? "cli" : "analyze";
  const dir = mkdtempSync(join(tmpdir(), "filterc-bench-lint-"));
  try {
    const corpusDir = join(dir, "corpus");
    const corpus = writeLintCorpus(corpusDir, options.lintFiles);
    analyzeAll(corpusDir); // warm-up: JIT and the grammar's first-use costs
    const analyzeRuns = Array.from({ length: options.quick ? 1 : 3 }, () => analyzeAll(corpusDir));
    const analyzeMs = median(analyzeRuns);
    const coldOneFile = examples.map((example) => {
      const runsMs: number[] = [];
      for (let run = 0; run < options.coldLintRuns; run++) {
        const result = method === "cli" ? runCli(["lint", example.file]) : coldAnalyze(example.file);
        const failed = method === "cli" ? result.status === 2 : result.status !== 0;
        if (failed) throw new Error(`linting ${example.file} failed:\n${result.stderr}`);
        runsMs.push(result.ms);
      }
      return { file: example.file, ms: median(runsMs), runsMs };
    });
    let runsMs: number[] = [];
    let problems = 0;
    if (method === "cli") {
      const report = join(dir, "report.json");
      for (let run = 0; run < (options.quick ? 1 : 2); run++) {
        const result = runCli(["lint", corpusDir, "-f", "json", "-o", report]);
        if (result.status === 2) throw new Error(`filterc lint of the corpus failed:\n${result.stderr}`);
        runsMs.push(result.ms);
      }
      problems = countProblems(readFileSync(report, "utf8"));
    } else {
      runsMs = analyzeRuns;
    }
    const ms = median(runsMs);
    return {
      method,
      coldOneFile,
      corpus: {
        files: corpus.files,
        rules: corpus.rules,
        ms,
        runsMs,
        rulesPerSecond: corpus.rules / (ms / 1000),
        problems,
        analyzeMs,
        analyzeRulesPerSecond: corpus.rules / (analyzeMs / 1000),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
