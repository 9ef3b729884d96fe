// Issue 16's benchmark: rate-limited and authorized requests through filterc's build and through hand-written
// modules making the same host calls (bench/limits.ts), measured side by side, and the memory of a flood of
// distinct keys.
// Records bench/limits.json and renders its section of docs/benchmarks.md.
//
//   node dist/bench/limits-bench.js [--quick] [--render]

import { loadavg } from "node:os";
import { nowNs } from "./clock.js";
import { LIMIT_CASES, LIMITS_HOST_OPTIONS, keyFlood, limitContenders, limitOutcome, type LimitContender } from "./limits.js";
import { measureRunners, Runner } from "./measure/interleaved.js";
import { combineWorkers } from "./measure/request-costs.js";
import { ratio } from "./report/format.js";
import { readRecord, record as recordSection, renderIntoReport } from "./report/recorded-section.js";
import { LIMITS, type LimitsModule, type LimitsRecord } from "./report/sections/limits.js";
import { median, pairedRatio } from "./stats.js";

const USAGE = "usage: node dist/bench/limits-bench.js [--quick] [--render]";
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--quick" && a !== "--render");
if (unknown.length > 0) {
  process.stderr.write(`limits-bench: unknown argument ${unknown[0]}\n${USAGE}\n`);
  process.exit(2);
}
if (args.includes("--render")) {
  if (readRecord(LIMITS) === undefined) {
    process.stderr.write(`limits-bench: nothing to render: ${LIMITS.file} is not there (run node dist/bench/limits-bench.js first)\n`);
    process.exit(2);
  }
  renderIntoReport(LIMITS);
  process.exit(0);
}

const quick = args.includes("--quick");
const rounds = quick ? 10 : 30;
const requestsPerRound = quick ? 5_000 : 20_000;
// As the examples' comparison (bench/options.ts): the median of several isolates is steadier than any one.
const workersPerModule = quick ? 3 : 5;
// More than the 150 tokens of the local limit's bucket: the refused case refuses from the first measured request.
const warmupRequests = quick ? 1_000 : 5_000;
const started = nowNs();
const load = loadavg()[0]!;
const progress = (line: string) => process.stderr.write(`limits-bench [${((nowNs() - started) / 1e9).toFixed(0).padStart(3)} s]: ${line}\n`);

progress("building filterc's modules and the hand-written ones");
const pairs: Array<[LimitContender, LimitContender]> = [];
for (const c of LIMIT_CASES) pairs.push(await limitContenders(c));
progress(`${pairs.length * 2} modules in ${workersPerModule} workers each: ${rounds} rounds of ${requestsPerRound.toLocaleString("en-US")} requests`);
const starts = LIMIT_CASES.flatMap((c, i) =>
  pairs[i]!.flatMap((m) => Array.from({ length: workersPerModule }, (_, k) => () => Runner.start(`${m.id}#${k}`, m.wasm, LIMITS_HOST_OPTIONS, [c.spec], undefined, { tickMs: c.tickMs, httpReplies: c.httpReplies }))),
);
const measured = await measureRunners(starts, { rounds, warmupCycles: warmupRequests, batch: () => requestsPerRound });

async function moduleResult(m: LimitContender, c: (typeof LIMIT_CASES)[number]): Promise<LimitsModule & { observed: string }> {
  const combined = combineWorkers(m.id, measured.filter((x) => x.id.startsWith(`${m.id}#`)));
  const outcome = await limitOutcome(m.wasm, c);
  return {
    id: m.id,
    source: m.source,
    bytes: m.wasm.length,
    hostCalls: outcome.hostCalls,
    observed: outcome.observed,
    nsPerRequest: median(combined.nsPerCycleByRound),
    nsPerRequestByRound: combined.nsPerCycleByRound,
    pagesAfterWarmup: combined.pagesAfterWarmup,
    pagesAfterRequests: combined.pagesAfterCycles,
    failed: combined.failed,
  };
}

const cases = [];
for (const [i, c] of LIMIT_CASES.entries()) {
  const { observed: mine, ...filterc } = await moduleResult(pairs[i]![0], c);
  const { observed: theirs, ...minimal } = await moduleResult(pairs[i]![1], c);
  cases.push({
    name: c.name,
    id: c.id,
    status: JSON.parse(mine).status as number,
    filterc,
    minimal,
    filtercOverMinimal: pairedRatio(filterc.nsPerRequestByRound, minimal.nsPerRequestByRound),
    behavesAlike: mine === theirs,
  });
}
progress("memory: 100,000 distinct keys through each local-limit module");
const local = pairs[LIMIT_CASES.findIndex((c) => c.id === "local-admitted")]!;
const record: LimitsRecord = {
  date: new Date().toISOString(),
  node: process.version,
  mode: quick ? "quick" : "full",
  loadAverage: load,
  rounds,
  requestsPerRound,
  workersPerModule,
  warmupRequests,
  cases,
  keyFlood: { filterc: await keyFlood(local[0].wasm), minimal: await keyFlood(local[1].wasm) },
  durationSeconds: (nowNs() - started) / 1e9,
};
recordSection(LIMITS, record);
for (const c of cases) {
  const alike = c.behavesAlike ? "" : "  BEHAVES DIFFERENTLY";
  progress(`${c.name.padEnd(34)} ${c.status}  filterc ${c.filterc.nsPerRequest.toFixed(0)} ns  hand ${c.minimal.nsPerRequest.toFixed(0)} ns  filterc/hand ${ratio(c.filtercOverMinimal)}  host calls ${c.filterc.hostCalls}/${c.minimal.hostCalls}${alike}`);
}
const f = record.keyFlood.filterc;
progress(`key flood: pages ${f.pagesAtLoad}/${f.pagesAfterWarmup}/${f.pagesAtEnd}, ${f.sharedEntries} shared-data entries`);
