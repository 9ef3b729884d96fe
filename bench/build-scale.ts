import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readRecord, record, renderIntoReport } from "./report/recorded-section.js";
import { BUILD_SCALE, type BuildScalePoint, type BuildScaleRecord } from "./report/sections/build-scale.js";

/**
 * Build time and memory of large generated rule sets (issue 11's targets: 10,000 rules under 5 s, 50,000 under
 * 30 s, under 1 GB), one process per rule count so each peak is its own: runs build-scaling.ts for each count and
 * writes the figures to bench/build-scale.json, which docs/benchmarks.md's "Build time and memory at scale" section
 * is rendered from (by `npm run bench`, or here straight away).
 *
 *   node dist/bench/build-scale.js [10,1000,10000,50000]
 *   node dist/bench/build-scale.js --render     (only renders the recorded figures into the report again)
 *
 * Time is CPU time (user and system, all threads) of the warm build: the machine is shared, and wall time counts
 * every preemption. Peak memory is the process's maximum resident set after the build, before the host loads it.
 */
const render = process.argv.includes("--render");
const counts = (process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? "10,1000,10000,50000").split(",").map(Number);
if (counts.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write("usage: node dist/bench/build-scale.js [RULES,RULES,...] [--render]\n");
  process.exit(2);
}
if (render) {
  renderIntoReport(BUILD_SCALE);
  process.exit(0);
}
const script = fileURLToPath(new URL("./build-scaling.js", import.meta.url));
const points: BuildScalePoint[] = [];
for (const rules of counts) {
  const out = execFileSync(process.execPath, [script, String(rules), "--requests", "5000", "--json"], { encoding: "utf8", maxBuffer: 1 << 20 });
  const point = JSON.parse(out.trim().split("\n").at(-1)!) as BuildScalePoint;
  process.stdout.write(
    `${rules} rules: ${(point.buildCpuMs / 1000).toFixed(2)} s CPU, peak ${point.peakRssMb.toFixed(0)} MB, ${point.bytes} bytes, ` +
      `no-match ${point.noMatchNs.toFixed(0)} ns, sampled rules wrong: ${point.wrong}\n`,
  );
  points.push(point);
}
// The baseline (an earlier filterc's figures, written by hand) stays for the next run to be compared with.
const baseline = readRecord(BUILD_SCALE)?.baseline;
record<BuildScaleRecord>(BUILD_SCALE, { date: new Date().toISOString(), node: process.version, points, ...(baseline && { baseline }) });
