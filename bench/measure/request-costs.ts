import type { BenchOptions } from "../options.js";
import type { ExampleComparison, ModuleResult } from "../report/results.js";
import { median, pairedRatio, spread } from "../stats.js";
import type { Subject } from "../subjects.js";
import { measureRunners, Runner, type RunnerMeasurement } from "./interleaved.js";
import { behaviourDifferences, scenarioOutcomes } from "./outcomes.js";

/**
 * One module's workers as one measurement: per round the median of its workers' figures. Each worker is its own
 * V8 isolate, and the same module in two workers settled at figures up to 8% apart (what V8 made of the host's
 * code differs from isolate to isolate), about the margin the 1.1x targets ask about; the median of several
 * workers is steadier than any one of them.
 */
export function combineWorkers(id: string, runs: readonly RunnerMeasurement[]): RunnerMeasurement {
  return {
    id,
    nsPerCycleByRound: runs[0]!.nsPerCycleByRound.map((_, round) => median(runs.map((r) => r.nsPerCycleByRound[round]!))),
    pagesAtLoad: Math.max(...runs.map((r) => r.pagesAtLoad)),
    pagesAfterWarmup: Math.max(...runs.map((r) => r.pagesAfterWarmup)),
    pagesAfterCycles: Math.max(...runs.map((r) => r.pagesAfterCycles)),
    cycles: runs[0]!.cycles,
    failed: runs.some((r) => r.failed),
  };
}

/** Median over rounds of a[i] - b[i]: the cost a module adds above the floor, paired per round. */
function pairedDifference(a: readonly number[], b: readonly number[]): number {
  return median(a.slice(0, b.length).map((x, i) => x - b[i]!));
}

/**
 * Per module: size, host calls per scenario, behaviour against filterc's build, ns per cycle and memory pages,
 * all from one interleaved run of `options.cycles` cycles per module. Then the ratios per example.
 */
export async function measureModules(
  subjects: readonly Subject[],
  options: BenchOptions,
): Promise<{ modules: ModuleResult[]; comparisons: ExampleComparison[] }> {
  const outcomes = new Map<Subject, Awaited<ReturnType<typeof scenarioOutcomes>>>();
  for (const subject of subjects) outcomes.set(subject, await scenarioOutcomes(subject));
  const workers = options.workersPerModule;
  const starts = subjects.flatMap((s) =>
    Array.from({ length: workers }, (_, k) => () => Runner.start(`${s.id}#${k}`, s.wasm, s.hostOptions, s.scenarios.map((x) => x.spec))),
  );
  // Every worker runs all the cycles: the memory figures are one instance's after that many.
  const perRound = Math.ceil(options.cycles / options.rounds);
  const measured = await measureRunners(starts, { rounds: options.rounds, warmupCycles: options.warmupCycles, batch: () => perRound });
  const byId = new Map<string, RunnerMeasurement>(subjects.map((s) => [s.id, combineWorkers(s.id, measured.filter((m) => m.id.startsWith(`${s.id}#`)))]));
  const modules = subjects.map((subject): ModuleResult => {
    const m = byId.get(subject.id)!;
    const reference = subjects.find((s) => s.example === subject.example && s.implementation === "filterc");
    const differences =
      reference === undefined || reference === subject ? [] : behaviourDifferences(outcomes.get(reference)!, outcomes.get(subject)!);
    return {
      id: subject.id,
      example: subject.example,
      implementation: subject.implementation,
      source: subject.source,
      bytes: subject.wasm.length,
      hostCalls: outcomes.get(subject)!.map((o) => ({ scenario: o.scenario, hostCalls: o.hostCalls })),
      behaviourDifferences: differences,
      nsPerCycle: median(m.nsPerCycleByRound),
      nsPerCycleByRound: m.nsPerCycleByRound,
      spread: spread(m.nsPerCycleByRound),
      memory: { pagesAtLoad: m.pagesAtLoad, pagesAfterWarmup: m.pagesAfterWarmup, pagesAfterCycles: m.pagesAfterCycles, cycles: m.cycles },
      failed: m.failed,
    };
  });
  return { modules, comparisons: compare(modules) };
}

function compare(modules: readonly ModuleResult[]): ExampleComparison[] {
  const floor = modules.find((m) => m.implementation === "floor");
  const floorRounds = floor?.nsPerCycleByRound ?? [];
  const net = (m: ModuleResult | undefined): number | undefined =>
    m === undefined || floor === undefined ? undefined : pairedDifference(m.nsPerCycleByRound, floorRounds);
  const comparisons: ExampleComparison[] = [];
  for (const filterc of modules.filter((m) => m.implementation === "filterc")) {
    const minimal = modules.find((m) => m.example === filterc.example && m.implementation === "minimal");
    const sdk = modules.find((m) => m.example === filterc.example && m.implementation === "sdk");
    comparisons.push({
      example: filterc.example,
      filtercOverMinimal: minimal && pairedRatio(filterc.nsPerCycleByRound, minimal.nsPerCycleByRound),
      sdkOverFilterc: sdk && pairedRatio(sdk.nsPerCycleByRound, filterc.nsPerCycleByRound),
      sdkOverMinimal: sdk && minimal && pairedRatio(sdk.nsPerCycleByRound, minimal.nsPerCycleByRound),
      filtercNetNs: net(filterc) ?? Number.NaN,
      minimalNetNs: net(minimal),
      sdkNetNs: net(sdk),
    });
  }
  return comparisons;
}
