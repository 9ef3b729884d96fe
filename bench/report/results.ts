/** The shape of bench/results.json: everything docs/benchmarks.md is rendered from. */

import type { SizeParts } from "../measure/size-parts.js";
import type { Implementation } from "../subjects.js";

export interface ModuleResult {
  readonly id: string;
  readonly example: string;
  readonly implementation: Implementation;
  readonly source: string;
  readonly bytes: number;
  /** Host calls per request/response cycle, per fixed scenario (deterministic). */
  readonly hostCalls: ReadonlyArray<{ readonly scenario: string; readonly hostCalls: number }>;
  /** For peers: scenarios whose result differed from filterc's build (empty: same behaviour). */
  readonly behaviourDifferences: readonly string[];
  /** Median ns per cycle over the example's scenarios, and the per-round figures it comes from. */
  readonly nsPerCycle: number;
  readonly nsPerCycleByRound: readonly number[];
  readonly spread: number;
  readonly memory: {
    readonly pagesAtLoad: number;
    readonly pagesAfterWarmup: number;
    readonly pagesAfterCycles: number;
    readonly cycles: number;
  };
  readonly failed: boolean;
}

/** Ratios within one example, from per-round pairs (see stats.pairedRatio). */
export interface ExampleComparison {
  readonly example: string;
  /** filterc ns / hand-written ns: the target is at most 1.1. */
  readonly filtercOverMinimal?: number;
  /** SDK ns / filterc ns: the target is at least 5. */
  readonly sdkOverFilterc?: number;
  /** SDK ns / hand-written ns: the most any compiler could reach against the SDK on this host. */
  readonly sdkOverMinimal?: number;
  /** ns above the host floor, the part the module itself adds. */
  readonly filtercNetNs: number;
  readonly minimalNetNs?: number;
  readonly sdkNetNs?: number;
}

/** One probe of measure/host-call-costs.ts: a cycle with that single host call, and what the call adds. */
export interface HostCallCost {
  readonly call: string;
  readonly nsPerCycle: number;
  readonly nsPerCycleByRound: readonly number[];
  readonly addedNs: number;
}

export interface CompileTiming {
  readonly example: string;
  readonly coldCliMs: number;
  readonly coldCliRunsMs: readonly number[];
  /** The same cold process with the compiler cache off (FILTERC_CACHE=off), in turns with the runs above. */
  readonly coldNoCacheMs?: number;
  readonly coldNoCacheRunsMs?: readonly number[];
  /** One cold process on an empty cache directory: the first build after an install, which writes the cache. */
  readonly coldFirstMs?: number;
  readonly warmMs: number;
  readonly warmRunsMs: readonly number[];
}

/** Medians of the phases of a cold CLI process (ms); see measure/cold-start.ts. */
export interface ColdStartPhases {
  readonly example: string;
  readonly nodeStartMs: number;
  /** filterc's grammar, with the parser library (chevrotain) it loads. */
  readonly grammarMs: number;
  /** The checker and lowering (the rest of compiler/build.js without the compilers). */
  readonly frontEndMs: number;
  readonly lintEngineMs: number;
  /** assemblyscript/asc and binaryen. */
  readonly compilersMs: number;
  readonly firstCompileMs: number;
  readonly secondCompileMs: number;
}

export interface LintTiming {
  /** "cli": `filterc lint` processes; "analyze": in-process parse and check, when no lint command exists. */
  readonly method: "cli" | "analyze";
  readonly coldOneFile: ReadonlyArray<{ readonly file: string; readonly ms: number; readonly runsMs: readonly number[] }>;
  readonly corpus: {
    readonly files: number;
    readonly rules: number;
    /** One cold process over the whole corpus (CLI), median of the runs. */
    readonly ms: number;
    readonly runsMs: readonly number[];
    readonly rulesPerSecond: number;
    readonly problems: number;
    /** Parse and check only, in process, after a warm-up: the lint engine's per-rule cost without process start. */
    readonly analyzeMs: number;
    readonly analyzeRulesPerSecond: number;
  };
}

export interface ScalingRequest {
  readonly nsPerCycle: number;
  readonly nsPerCycleByRound: readonly number[];
  readonly hostCalls: number;
  /** What the request got, e.g. "200 upstream" or "403 local". */
  readonly outcome: string;
}

export interface ScalingPoint {
  readonly rules: number;
  readonly lastRuleKind: string;
  /** Warm build time; when the build fails, the time until it failed. */
  readonly buildMs: number;
  readonly buildRunsMs: readonly number[];
  /** Why filterc could not build the set (then there are no size or request figures). */
  readonly error?: string;
  readonly bytes?: number;
  readonly noMatch?: ScalingRequest;
  readonly lastMatch?: ScalingRequest;
  readonly memoryPages?: number;
}

export interface TargetResult {
  readonly area: string;
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly met?: boolean;
  /** How far off, in the target's terms ("+12%", "3.1 KB over"). */
  readonly gap?: string;
  /** What the measurements say about the gap (host calls, the hand-written module's figure, ...). */
  readonly hint?: string;
}

/** One module of the body-scan section (bench/body-scan.ts): a 1 MB request body in 16 KiB chunks, held and scanned. */
export interface BodyScanModule {
  readonly id: string;
  readonly source: string;
  readonly bytes: number;
  /** Host calls for the whole measured stream (however many chunks). */
  readonly hostCalls: number;
  /** What the passed and the refused body got, to compare the modules. */
  readonly observed: readonly string[];
  readonly nsPerCycle: number;
  readonly nsPerCycleByRound: readonly number[];
  readonly spread: number;
  /** Body bytes through the host per second of the whole cycle (headers, chunks, read, scan, response), in 10^6. */
  readonly megabytesPerSecond: number;
  readonly pages: number;
  readonly failed: boolean;
}

export interface BodyScanCase {
  readonly patterns: number;
  readonly bodyBytes: number;
  readonly chunkBytes: number;
  readonly filterc: BodyScanModule;
  readonly minimal: BodyScanModule;
  readonly filtercOverMinimal: number;
  readonly behavesAlike: boolean;
}

export interface BenchResults {
  readonly schema: 1;
  readonly generatedAt: string;
  readonly mode: "full" | "quick";
  readonly durationSeconds: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string; readonly loadAverageAtStart: readonly number[] };
  readonly settings: Record<string, number | string | readonly number[]>;
  readonly modules: readonly ModuleResult[];
  readonly comparisons: readonly ExampleComparison[];
  /** Where each example's filter.wasm bytes go (measure/size-parts.ts). */
  readonly sizeParts?: readonly SizeParts[];
  readonly hostCallCosts?: readonly HostCallCost[];
  readonly compile?: readonly CompileTiming[];
  readonly coldStartPhases?: ColdStartPhases;
  readonly lint?: LintTiming;
  readonly scaling?: readonly ScalingPoint[];
  readonly bodyScan?: readonly BodyScanCase[];
  readonly targets: readonly TargetResult[];
}
