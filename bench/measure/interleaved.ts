import { loadHost, type ProxyWasmHost, type StreamSpec } from "../../host/index.js";
import { nowNs } from "../clock.js";
import { collectYoungGarbage } from "../gc.js";

/** A loaded module and the requests it cycles through. */
export interface Runner {
  readonly id: string;
  readonly host: ProxyWasmHost;
  readonly specs: readonly StreamSpec[];
}

export interface RunnerMeasurement {
  readonly id: string;
  /** ns per request/response cycle in each round. */
  readonly nsPerCycleByRound: number[];
  /** Linear memory pages right after loading, after the warm-up, and after all measured cycles. */
  readonly pagesAtLoad: number;
  readonly pagesAfterWarmup: number;
  readonly pagesAfterCycles: number;
  readonly cycles: number;
  /** The VM faulted (its later timings would be the failure reply's, so the figures are not valid). */
  readonly failed: boolean;
}

export async function loadRunner(
  id: string,
  wasm: Uint8Array,
  options: Parameters<typeof loadHost>[1],
  specs: readonly StreamSpec[],
): Promise<Runner> {
  return { id, host: await loadHost(wasm, options), specs };
}

/** Runs `count` cycles of the runner's specs in order, returning the elapsed ns. */
export function runCycles(runner: Runner, count: number): number {
  const { host, specs } = runner;
  const n = specs.length;
  const start = nowNs();
  for (let i = 0; i < count; i++) host.runStream(specs[i % n]);
  return nowNs() - start;
}

/**
 * Measures runners side by side: after a warm-up, `rounds` rounds in which every runner runs its share of the
 * cycles, starting with a different runner each round, so drift and noise on a shared machine spread over all of
 * them alike. Each batch starts after a young-generation collection, so it pays mostly for its own garbage.
 * `batch` says how many cycles a runner runs per round.
 */
export function measureInterleaved(
  runners: readonly Runner[],
  settings: { rounds: number; warmupCycles: number; batch: (runner: Runner) => number },
): RunnerMeasurement[] {
  const pagesAtLoad = runners.map((r) => r.host.memoryPages());
  for (const runner of runners) runCycles(runner, settings.warmupCycles);
  const pagesAfterWarmup = runners.map((r) => r.host.memoryPages());
  const times: number[][] = runners.map(() => []);
  const cycles = runners.map(() => 0);
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < runners.length; k++) {
      const index = (round + k) % runners.length;
      const runner = runners[index]!;
      const count = settings.batch(runner);
      collectYoungGarbage();
      times[index]!.push(runCycles(runner, count) / count);
      cycles[index]! += count;
    }
  }
  return runners.map((runner, i) => ({
    id: runner.id,
    nsPerCycleByRound: times[i]!,
    pagesAtLoad: pagesAtLoad[i]!,
    pagesAfterWarmup: pagesAfterWarmup[i]!,
    pagesAfterCycles: runner.host.memoryPages(),
    cycles: cycles[i]!,
    failed: runner.host.state === "failed",
  }));
}
