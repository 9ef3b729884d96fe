import type { BenchOptions } from "../options.js";
import type { ExampleComparison, ModuleResult } from "../report/results.js";
import { median, pairedRatio, spread } from "../stats.js";
import type { Subject } from "../subjects.js";
import { measureRunners, Runner, type RunnerMeasurement } from "./interleaved.js";
import { behaviourDifferences, scenarioOutcomes } from "./outcomes.js";

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
  const starts = subjects.map((s) => () => Runner.start(s.id, s.wasm, s.hostOptions, s.scenarios.map((x) => x.spec)));
  const perRound = Math.ceil(options.cycles / options.rounds);
  const measured = await measureRunners(starts, { rounds: options.rounds, warmupCycles: options.warmupCycles, batch: () => perRound });
  const byId = new Map<string, RunnerMeasurement>(measured.map((m) => [m.id, m]));
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
