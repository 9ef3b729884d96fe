import { compileRules } from "../../compiler/build.js";
import { Source } from "../../compiler/source.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { msSince, nowNs } from "../clock.js";
import { generateRuleSet, noMatchRequest, type RuleSet } from "../corpus/rule-mix.js";
import type { BenchOptions } from "../options.js";
import type { ScalingPoint, ScalingRequest } from "../report/results.js";
import { median } from "../stats.js";
import { loadRunner, measureInterleaved, runCycles, type Runner } from "./interleaved.js";

async function build(set: RuleSet): Promise<Uint8Array> {
  const result = await compileRules(new Source(`generated-${set.count}.fw`, set.text), { optimize: "size" });
  if (result.wasm === undefined) throw new Error(`the generated ${set.count}-rule set does not compile`);
  return result.wasm;
}

function outcome(result: StreamResult): string {
  return `${result.response.status} ${result.response.local ? "local" : "upstream"}`;
}

/** How many cycles fill `ms` of wall time for this runner (after a short warm-up). */
function calibrate(runner: Runner, ms: number): number {
  runCycles(runner, 50);
  const ns = runCycles(runner, 200) / 200;
  return Math.max(50, Math.round((ms * 1e6) / ns));
}

/**
 * Rule sets of growing size: wasm size, warm build time, and per-request cost for a request that every rule
 * inspects and none acts on, and for one that only the last rule acts on. All runners are timed side by side; the
 * batch sizes are calibrated so that each runner's turn takes about the same wall time.
 */
export async function measureScaling(options: BenchOptions): Promise<ScalingPoint[]> {
  const sets = options.ruleCounts.map((n) => generateRuleSet(n));
  await build(sets[0]!); // warm-up: compilers loaded and JIT-compiled
  const built: Array<{ set: RuleSet; wasm: Uint8Array; runsMs: number[] }> = [];
  for (const set of sets) {
    const runs = set.count >= 1000 ? Math.max(1, Math.ceil(options.warmRuns / 2)) : options.warmRuns;
    const runsMs: number[] = [];
    let wasm: Uint8Array | undefined;
    for (let run = 0; run < runs; run++) {
      const start = nowNs();
      wasm = await build(set);
      runsMs.push(msSince(start));
    }
    built.push({ set, wasm: wasm!, runsMs });
  }
  const runners: Runner[] = [];
  const requests: Array<{ noMatch: StreamSpec; lastMatch: StreamSpec }> = [];
  for (const { set, wasm } of built) {
    const last = set.rules[set.rules.length - 1]!.matchingRequest;
    requests.push({ noMatch: noMatchRequest, lastMatch: last });
    runners.push(await loadRunner(`${set.count}/no-match`, wasm, { trace: false, pluginConfig: "{}" }, [noMatchRequest]));
    runners.push(await loadRunner(`${set.count}/last-match`, wasm, { trace: false, pluginConfig: "{}" }, [last]));
  }
  const batches = new Map(runners.map((r) => [r, calibrate(r, options.scalingBatchMs)]));
  const measured = measureInterleaved(runners, {
    rounds: options.scalingRounds,
    warmupCycles: 0,
    batch: (runner) => batches.get(runner)!,
  });
  const points: ScalingPoint[] = [];
  for (const [i, { set, wasm, runsMs }] of built.entries()) {
    const fresh = await loadHost(wasm, { trace: false, pluginConfig: "{}" });
    const request = (spec: StreamSpec, m: (typeof measured)[number]): ScalingRequest => {
      const result = fresh.runStream(spec);
      if (m.failed) throw new Error(`${m.id} faulted during the benchmark`);
      return { nsPerCycle: median(m.nsPerCycleByRound), nsPerCycleByRound: m.nsPerCycleByRound, hostCalls: result.hostCalls, outcome: outcome(result) };
    };
    points.push({
      rules: set.count,
      bytes: wasm.length,
      buildMs: median(runsMs),
      buildRunsMs: runsMs,
      noMatch: request(requests[i]!.noMatch, measured[2 * i]!),
      lastMatch: request(requests[i]!.lastMatch, measured[2 * i + 1]!),
      lastRuleKind: set.rules[set.rules.length - 1]!.kind,
      memoryPages: Math.max(measured[2 * i]!.pagesAfterCycles, measured[2 * i + 1]!.pagesAfterCycles),
    });
  }
  return points;
}
