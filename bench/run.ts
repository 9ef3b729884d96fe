// `npm run bench`: builds every example with filterc, its hand-written and SDK peers and the host floor, measures
// them side by side in this one process, and writes docs/benchmarks.md and bench/results.json.

import { cpus, loadavg } from "node:os";
import { ANY_LIST_CASE } from "./any-list.js";
import { measureBodyScan } from "./body-scan.js";
import { nowNs } from "./clock.js";
import { readExamples, type Example } from "./examples.js";
import { measureColdStartPhases } from "./measure/cold-start.js";
import { measureCompileTimes } from "./measure/compile-times.js";
import { measureHostCallCosts } from "./measure/host-call-costs.js";
import { measureLintSpeed } from "./measure/lint-speed.js";
import { measureModules } from "./measure/request-costs.js";
import { measureScaling } from "./measure/scaling.js";
import { sizeParts } from "./measure/size-parts.js";
import { BenchUsageError, parseOptions, type BenchOptions } from "./options.js";
import { bytes, ns, ratio } from "./report/format.js";
import type { BenchResults } from "./report/results.js";
import { evaluateTargets } from "./report/targets.js";
import { REPORT_FILE, RESULTS_FILE, writeResults } from "./report/write.js";
import { buildSubjects } from "./subjects.js";

const options = optionsOrExit(process.argv.slice(2));

function optionsOrExit(argv: readonly string[]): BenchOptions {
  try {
    return parseOptions(argv);
  } catch (problem) {
    if (!(problem instanceof BenchUsageError)) throw problem;
    process.stderr.write(`bench: ${problem.message}\n`);
    process.exit(2);
  }
}
const started = nowNs();
const progress = (line: string): boolean => process.stderr.write(`bench [${((nowNs() - started) / 1e9).toFixed(0).padStart(3)} s]: ${line}\n`);
const loadAverageAtStart = loadavg();
const examples = selectExamples(readExamples(), options.examples);

let hostCallCosts;
let sizes;
let measuredModules: Awaited<ReturnType<typeof measureModules>> = { modules: [], comparisons: [] };
// The any-list section is measured as one more example, in the same rounds as the examples when both run.
const measuredCases = [...(options.sections.has("requests") ? examples : []), ...(options.sections.has("any-list") ? [ANY_LIST_CASE] : [])];
if (measuredCases.length > 0) {
  progress(`building ${measuredCases.map((e) => e.name).join(", ")}, their hand-written and SDK peers, and the floor module`);
  const subjects = await buildSubjects(measuredCases);
  progress(`${subjects.length} modules in ${options.workersPerModule} workers each: ${options.cycles.toLocaleString("en-US")} cycles per worker in ${options.rounds} interleaved rounds`);
  measuredModules = await measureModules(subjects, options);
}
if (options.sections.has("requests")) {
  progress("host calls: one-call probes against a baseline");
  hostCallCosts = await measureHostCallCosts(options);
  sizes = await Promise.all(examples.map((e) => sizeParts(e)));
}
let scaling;
if (options.sections.has("scaling")) {
  progress(`scaling: rule sets of ${options.ruleCounts.join(", ")} rules`);
  scaling = await measureScaling(options);
}
let compile;
let coldStartPhases;
if (options.sections.has("compile")) {
  progress(`compile: ${options.coldBuildRuns} cold \`filterc build\` processes and ${options.warmRuns} warm builds per example`);
  compile = await measureCompileTimes(examples, options);
  const largest = examples.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  coldStartPhases = measureColdStartPhases(largest.file, options);
}
let lint;
if (options.sections.has("lint")) {
  progress(`lint: cold runs and a ${options.lintFiles.toLocaleString("en-US")}-file corpus`);
  lint = measureLintSpeed(examples, options);
}
let bodyScan;
if (options.sections.has("body-scan")) {
  progress("body-scan: a 1 MB request body in 16 KiB chunks, scanned for 1 and 10 patterns, against hand-written modules");
  bodyScan = await measureBodyScan(options);
}

const measured = {
  schema: 1 as const,
  mode: options.quick ? ("quick" as const) : ("full" as const),
  machine: { node: process.versions.node, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverageAtStart },
  settings: {
    cycles: options.cycles,
    rounds: options.rounds,
    workersPerModule: options.workersPerModule,
    warmupCycles: options.warmupCycles,
    coldBuildRuns: options.coldBuildRuns,
    coldLintRuns: options.coldLintRuns,
    warmRuns: options.warmRuns,
    lintFiles: options.lintFiles,
    ruleCounts: options.ruleCounts,
    scalingRounds: options.scalingRounds,
    sections: [...options.sections].join(","),
    ...(options.examples === undefined ? {} : { examples: [...options.examples].join(",") }),
  },
  ...measuredModules,
  sizeParts: sizes,
  hostCallCosts,
  compile,
  coldStartPhases,
  lint,
  scaling,
  bodyScan,
};
const results: BenchResults = {
  ...measured,
  generatedAt: new Date().toISOString(),
  durationSeconds: (nowNs() - started) / 1e9,
  targets: evaluateTargets(measured),
};
writeResults(results);

for (const m of results.modules) {
  const differs = m.behaviourDifferences.length > 0 ? "  BEHAVES DIFFERENTLY" : "";
  const pages = `pages ${m.memory.pagesAfterWarmup}->${m.memory.pagesAfterCycles}`;
  progress(`${m.id.padEnd(28)} ${bytes(m.bytes).padStart(8)} ${ns(m.nsPerCycle).padStart(10)}  ${pages}${differs}`);
}
for (const c of results.comparisons) {
  progress(`${c.example.padEnd(28)} filterc/hand ${ratio(c.filtercOverMinimal)}  SDK/filterc ${ratio(c.sdkOverFilterc)}`);
}
for (const c of results.bodyScan ?? []) {
  const alike = c.behavesAlike ? "" : "  BEHAVES DIFFERENTLY";
  progress(`body-scan ${String(c.patterns).padStart(2)} pattern(s)      filterc ${c.filterc.megabytesPerSecond.toFixed(1)} MB/s  hand ${c.minimal.megabytesPerSecond.toFixed(1)} MB/s  filterc/hand ${ratio(c.filtercOverMinimal)}${alike}`);
}
const missed = results.targets.filter((t) => t.met === false);
const met = `${results.targets.length - missed.length} of ${results.targets.length} targets met`;
progress(`${met}; wrote ${REPORT_FILE} and ${RESULTS_FILE} in ${results.durationSeconds.toFixed(0)} s`);

/** The examples `--examples` names, all of them without it; a name that is not in examples/ is an error. */
function selectExamples(all: readonly Example[], names: ReadonlySet<string> | undefined): Example[] {
  if (names === undefined) return [...all];
  const unknown = [...names].filter((name) => !all.some((e) => e.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: no example ${unknown.join(", ")} in examples/ (there are ${all.map((e) => e.name).join(", ")})\n`);
    process.exit(2);
  }
  return all.filter((e) => names.has(e.name));
}
