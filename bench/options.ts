/** What a benchmark run does; `--quick` scales every count down for a run of about a minute. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Request/response cycles per module for the per-request and memory figures. */
  readonly cycles: number;
  /** Rounds the cycles are split into; subjects take turns each round, so machine noise hits all alike. */
  readonly rounds: number;
  /** Cycles before measuring: JIT tiers and first-time allocations (stream table, configuration). */
  readonly warmupCycles: number;
  /** Cold `filterc build` processes per example, and cold-start probes (a few seconds each). */
  readonly coldBuildRuns: number;
  /** Cold `filterc lint` processes per example (under a second each). */
  readonly coldLintRuns: number;
  /** Warm in-process builds per example. */
  readonly warmRuns: number;
  /** Files in the generated lint corpus. */
  readonly lintFiles: number;
  /** Rule counts for the scaling section. */
  readonly ruleCounts: readonly number[];
  /** Workers (V8 isolates) per module in the per-request measurement; see measure/request-costs.ts. */
  readonly workersPerModule: number;
  /** Wall time per timed batch in the scaling section (milliseconds). */
  readonly scalingBatchMs: number;
  readonly scalingRounds: number;
  /** Sections to run (all by default): sizes and requests share one run. */
  readonly sections: ReadonlySet<Section>;
  /** The examples to measure (`--examples`), by name without `.fw`; undefined for all of examples/. */
  readonly examples?: ReadonlySet<string>;
}

export const SECTIONS = ["requests", "any-list", "compile", "lint", "scaling", "body-scan"] as const;
export type Section = (typeof SECTIONS)[number];

const USAGE = `usage: node dist/bench/run.js [--quick] [--only ${SECTIONS.join(",")}] [--examples NAME,...] [--rules N,N,...]
  --quick     smaller counts (100,000 cycles instead of 1,000,000, fewer builds); about a minute
  --only      run only these sections; the others are left out of the written results
              (any-list: \`contains any\` over a 1,000-item list against its hand-written module, bench/any-list.ts;
              body-scan: a 1 MB request body in 16 KiB chunks scanned for 1 and 10 patterns, bench/body-scan.ts)
  --examples  measure only these examples of examples/ (names without .fw), e.g. edge,bot-block
  --rules     rule counts for the scaling section (default 1,10,100,1000), e.g. 10,10000,50000 for the build targets`;

/** A command line the benchmark cannot run: its message and the usage, without a stack trace. */
export class BenchUsageError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let sections = new Set<Section>(SECTIONS);
  let ruleCounts: readonly number[] = [1, 10, 100, 1_000];
  let examples: ReadonlySet<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--only" && argv[i + 1] !== undefined) sections = parseSections(argv[++i]!);
    else if (arg === "--rules" && argv[i + 1] !== undefined) ruleCounts = parseRuleCounts(argv[++i]!);
    else if (arg === "--examples" && argv[i + 1] !== undefined) examples = new Set(argv[++i]!.split(",").filter((name) => name !== ""));
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    } else throw new BenchUsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  return {
    quick,
    cycles: quick ? 100_000 : 1_000_000,
    rounds: quick ? 20 : 50,
    // With 3, a one-host-call example's ratio to its peer still moved by up to 0.16x between runs of the same
    // modules: isolates differ by more than the 1.1x targets' margin. The median of 5 moves less.
    workersPerModule: quick ? 3 : 5,
    warmupCycles: quick ? 5_000 : 20_000,
    coldBuildRuns: quick ? 2 : 4,
    coldLintRuns: quick ? 2 : 3,
    warmRuns: quick ? 3 : 5,
    lintFiles: 1_000,
    ruleCounts,
    scalingBatchMs: quick ? 40 : 100,
    scalingRounds: quick ? 5 : 11,
    sections,
    examples,
  };
}

function parseRuleCounts(list: string): number[] {
  const counts = list.split(",").map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchUsageError(`--rules wants positive whole numbers, got ${list}\n${USAGE}`);
  return counts;
}

function parseSections(list: string): Set<Section> {
  const chosen = new Set<Section>();
  for (const name of list.split(",")) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new BenchUsageError(`unknown section ${name}\n${USAGE}`);
    chosen.add(name as Section);
  }
  return chosen;
}
