import { Worker } from "node:worker_threads";
import type { HostOptions, StreamSpec } from "../../host/index.js";
import type { RunnerReply, RunnerSetup } from "./runner-worker.js";

/** A loaded module in its own worker (see runner-worker.ts), and the requests it cycles through. */
export class Runner {
  private constructor(
    readonly id: string,
    private readonly worker: Worker,
    /** Linear memory pages right after loading. */
    readonly pagesAtLoad: number,
  ) {}

  static async start(
    id: string,
    wasm: Uint8Array,
    hostOptions: HostOptions,
    specs: readonly StreamSpec[],
    bodyChunkBytes?: number,
    cycle: Pick<RunnerSetup, "tickMs" | "httpReplies"> = {},
  ): Promise<Runner> {
    const setup: RunnerSetup = { wasm, hostOptions, specs, bodyChunkBytes, ...cycle };
    const worker = new Worker(new URL("./runner-worker.js", import.meta.url), { workerData: setup });
    const reply = await nextReply(worker);
    if (reply.type !== "ready") {
      await worker.terminate();
      throw new Error(`${id}: ${reply.type === "error" ? reply.message : "unexpected reply"}`);
    }
    return new Runner(id, worker, reply.pages);
  }

  /** Runs `cycles` cycles of the specs in order; the elapsed ns, and the pages and VM state after them. */
  async run(cycles: number): Promise<{ ns: number; pages: number; failed: boolean }> {
    const reply = nextReply(this.worker);
    this.worker.postMessage({ cycles });
    const answer = await reply;
    if (answer.type !== "ran") throw new Error(`${this.id}: ${answer.type === "error" ? answer.message : "unexpected reply"}`);
    return answer;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

function nextReply(worker: Worker): Promise<RunnerReply> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off("message", onMessage);
      reject(error);
    };
    const onMessage = (reply: RunnerReply): void => {
      worker.off("error", onError);
      resolve(reply);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
  });
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

/**
 * Measures runners side by side: after a warm-up, `rounds` rounds in which every runner runs its share of the
 * cycles, one runner at a time and starting with a different one each round, so drift and noise on a shared
 * machine spread over all of them alike. `batch` says how many cycles a runner runs per round.
 */
export async function measureInterleaved(
  runners: readonly Runner[],
  settings: { rounds: number; warmupCycles: number; batch: (runner: Runner) => number },
): Promise<RunnerMeasurement[]> {
  const pagesAfterWarmup: number[] = [];
  for (const runner of runners) {
    const warm = settings.warmupCycles > 0 ? await runner.run(settings.warmupCycles) : undefined;
    pagesAfterWarmup.push(warm?.pages ?? runner.pagesAtLoad);
  }
  const times: number[][] = runners.map(() => []);
  const cycles = runners.map(() => 0);
  const last = runners.map((r) => ({ pages: r.pagesAtLoad, failed: false }));
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < runners.length; k++) {
      const index = (round + k) % runners.length;
      const runner = runners[index]!;
      const count = settings.batch(runner);
      const result = await runner.run(count);
      times[index]!.push(result.ns / count);
      cycles[index]! += count;
      last[index] = result;
    }
  }
  return runners.map((runner, i) => ({
    id: runner.id,
    nsPerCycleByRound: times[i]!,
    pagesAtLoad: runner.pagesAtLoad,
    pagesAfterWarmup: pagesAfterWarmup[i]!,
    pagesAfterCycles: last[i]!.pages,
    cycles: cycles[i]!,
    failed: last[i]!.failed,
  }));
}

/** Starts runners, measures them, and stops their workers whatever happens. */
export async function measureRunners(
  starts: ReadonlyArray<() => Promise<Runner>>,
  settings: Parameters<typeof measureInterleaved>[1] & { prepare?: (runners: readonly Runner[]) => Promise<void> },
): Promise<RunnerMeasurement[]> {
  const runners: Runner[] = [];
  try {
    for (const start of starts) runners.push(await start());
    await settings.prepare?.(runners);
    return await measureInterleaved(runners, settings);
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
}
