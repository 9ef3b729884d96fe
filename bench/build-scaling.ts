import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import { loadHost, type StreamSpec } from "../host/index.js";
import { msSince, nowNs, processCpuNs } from "./clock.js";
import { generateRuleSet, noMatchRequest } from "./corpus/rule-mix.js";
import { PLUGIN_CONFIG } from "./scenarios.js";

/**
 * One cold build of a generated rule set (bench/corpus/rule-mix.ts), in a process of its own so that
 * `/usr/bin/time -v node dist/bench/build-scaling.js 10000` reports the build's peak memory:
 * prints the build's wall and CPU time, the process's peak memory when the build is done (before the module is
 * loaded into the host), the module's size, a check that sampled rules fire, and the no-match cost.
 *
 *   node dist/bench/build-scaling.js N [--requests K] [--json]
 *   for n in 1000 10000 50000; do node dist/bench/build-scaling.js $n; done    (docs/benchmarks.md, "Build time")
 */
const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write("usage: node dist/bench/build-scaling.js RULES [--requests K] [--json]\n");
  process.exit(2);
}
const requestsArg = process.argv.indexOf("--requests");
const requests = requestsArg > 0 ? Number(process.argv[requestsArg + 1]) : 20000;

// Warm-up: asc and binaryen loaded and JIT-compiled, as in `npm run bench`'s scaling section (its build times are warm).
const warmStart = nowNs();
await compileRules(new Source("warm-up.fw", generateRuleSet(10).text), { optimize: "size" });
const warmUpMs = msSince(warmStart);
const set = generateRuleSet(count);
const start = nowNs();
const cpuStart = processCpuNs();
const result = await compileRules(new Source(`generated-${count}.fw`, set.text), { optimize: "size" });
const buildMs = msSince(start);
const cpuMs = (processCpuNs() - cpuStart) / 1e6;
// Peak resident memory so far (KiB on Linux): the warm-up and this build, nothing of the host yet.
const peakMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
if (result.wasm === undefined) {
  process.stderr.write(`the generated rules do not compile: ${result.diagnostics.length} diagnostics\n`);
  process.exit(1);
}
const host = await loadHost(result.wasm, { trace: false, pluginConfig: PLUGIN_CONFIG });
// A sample of rules, the first and last included: each must act on its own request.
let wrong = 0;
const step = Math.max(1, Math.floor(count / 50));
for (let i = 0; i < count; i += step === 1 ? 1 : step) wrong += fires(i) ? 0 : 1;
wrong += fires(count - 1) ? 0 : 1;
function fires(i: number): boolean {
  const rule = set.rules[i]!;
  const r = host.runStream(rule.matchingRequest);
  if (rule.kind === "header") return r.upstreamRequest?.headers.some(([k, v]) => k === "x-pool" && v === `pool-${i}`) ?? false;
  return r.localResponse !== undefined;
}
const none = host.runStream(noMatchRequest);
if (none.localResponse !== undefined) wrong++;
const time = (spec: StreamSpec, n: number): number => {
  for (let i = 0; i < Math.min(n, 500); i++) host.runStream(spec);
  const t = nowNs();
  for (let i = 0; i < n; i++) host.runStream(spec);
  return (nowNs() - t) / n;
};
const noMatchNs = time(noMatchRequest, requests);
if (process.argv.includes("--json")) {
  // For bench/build-scale.ts, which runs this once per rule count and records the figures.
  const figures = { rules: count, buildWallMs: buildMs, buildCpuMs: cpuMs, peakRssMb: peakMb, bytes: result.wasm.length, wrong, noMatchNs };
  process.stdout.write(JSON.stringify(figures) + "\n");
  process.exit(0);
}
process.stdout.write(
  `${count} rules: warm-up ${warmUpMs.toFixed(0)} ms; build ${buildMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, peak RSS ${peakMb.toFixed(0)} MB, ${result.wasm.length} bytes, ` +
    `sampled rules wrong: ${wrong}, no-match ${noMatchNs.toFixed(0)} ns/request (host included)\n`,
);
