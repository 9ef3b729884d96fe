import { compileRules, InternalCompilerError } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { msSince, nowNs } from "../clock.js";
import { generateRuleSet, noMatchRequest, type RuleSet } from "../corpus/rule-mix.js";
import { PLUGIN_CONFIG } from "../scenarios.js";
import type { BenchOptions } from "../options.js";
import type { ScalingPoint, ScalingRequest } from "../report/results.js";
import { median } from "../stats.js";
import { measureRunners, Runner, type RunnerMeasurement } from "./interleaved.js";

type Built = { set: RuleSet; runsMs: number[]; wasm?: Uint8Array; error?: string };

/** Builds a set `runs` times; a failure of filterc on a large set is a result, not a reason to stop the run. */
async function buildTimed(set: RuleSet, runs: number): Promise<Built> {
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = nowNs();
    try {
      const result = await compileRules(new Source(`generated-${set.count}.fw`, set.text), { optimize: "size" });
      runsMs.push(msSince(start));
      if (result.wasm === undefined) return { set, runsMs, error: "the generated rules have errors" };
      if (run === runs - 1) return { set, runsMs, wasm: result.wasm };
    } catch (error) {
      runsMs.push(msSince(start));
      const detail = error instanceof InternalCompilerError ? (error.detail ?? "").split("\n")[0] : "";
      return { set, runsMs, error: `${(error as Error).message}${detail ? `: ${detail}` : ""}` };
    }
  }
  return { set, runsMs };
}

function outcome(result: StreamResult): string {
  return `${result.response.status} ${result.response.local ? "local" : "upstream"}`;
}

/** How many cycles fill `ms` of CPU time for this runner (after a short warm-up). */
async function calibrate(runner: Runner, ms: number): Promise<number> {
  await runner.run(200);
  const ns = (await runner.run(500)).ns / 500;
  return Math.max(50, Math.round((ms * 1e6) / ns));
}

/**
 * Rule sets of growing size: wasm size, warm build time, and per-request cost for a request that every rule
 * inspects and none acts on, and for one that only the last rule acts on. All runners are timed side by side; the
 * batch sizes are calibrated so that each runner's turn takes about the same CPU time.
 */
export async function measureScaling(options: BenchOptions): Promise<ScalingPoint[]> {
  const sets = options.ruleCounts.map((n) => generateRuleSet(n));
  await buildTimed(generateRuleSet(10), 1); // warm-up: compilers loaded and JIT-compiled
  const built: Built[] = [];
  for (const set of sets) built.push(await buildTimed(set, set.count >= 1000 ? Math.max(1, Math.ceil(options.warmRuns / 2)) : options.warmRuns));
  const starts: Array<() => Promise<Runner>> = [];
  for (const { set, wasm } of built) {
    if (wasm === undefined) continue;
    const last = set.rules[set.rules.length - 1]!.matchingRequest;
    for (const [kind, spec] of [["no-match", noMatchRequest], ["last-match", last]] as const) {
      starts.push(() => Runner.start(`${set.count}/${kind}`, wasm, { trace: false, pluginConfig: PLUGIN_CONFIG }, [spec]));
    }
  }
  const batches = new Map<Runner, number>();
  const results = await measureRunners(starts, {
    rounds: options.scalingRounds,
    warmupCycles: 0,
    batch: (r) => batches.get(r)!,
    prepare: async (runners) => {
      for (const r of runners) batches.set(r, await calibrate(r, options.scalingBatchMs));
    },
  });
  const measured = new Map<string, RunnerMeasurement>(results.map((m) => [m.id, m]));
  const points: ScalingPoint[] = [];
  for (const { set, wasm, runsMs, error } of built) {
    const common = { rules: set.count, lastRuleKind: set.rules[set.rules.length - 1]!.kind, buildMs: median(runsMs), buildRunsMs: runsMs };
    if (wasm === undefined) {
      points.push({ ...common, error: error ?? "no wasm" });
      continue;
    }
    const fresh = await loadHost(wasm, { trace: false, pluginConfig: PLUGIN_CONFIG });
    const request = (kind: string, spec: StreamSpec): ScalingRequest => {
      const m = measured.get(`${set.count}/${kind}`)!;
      if (m.failed) throw new Error(`${m.id} faulted during the benchmark`);
      const result = fresh.runStream(spec);
      return {
        nsPerCycle: median(m.nsPerCycleByRound),
        nsPerCycleByRound: m.nsPerCycleByRound,
        hostCalls: result.hostCalls,
        outcome: outcome(result),
      };
    };
    const noMatch = request("no-match", noMatchRequest);
    const lastMatch = request("last-match", set.rules[set.rules.length - 1]!.matchingRequest);
    const pages = Math.max(measured.get(`${set.count}/no-match`)!.pagesAfterCycles, measured.get(`${set.count}/last-match`)!.pagesAfterCycles);
    points.push({ ...common, bytes: wasm.length, noMatch, lastMatch, memoryPages: pages });
  }
  return points;
}
