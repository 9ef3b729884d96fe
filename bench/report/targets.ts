import { bytes, ms, ns, over, plural, ratio } from "./format.js";
import { quantile, roundRatios } from "../stats.js";
import type { BenchResults, ExampleComparison, ModuleResult, TargetResult } from "./results.js";

type Measured = Omit<BenchResults, "targets" | "generatedAt" | "durationSeconds">;

const KB = 1024;

/** A target "at most `limit`": met, or missed by the percentage over. */
function atMost(area: string, target: string, value: number, limit: number, measured: string, hint?: string): TargetResult {
  const met = value <= limit;
  return { area, target, measured, met, gap: met ? undefined : over(value, limit), hint: met ? undefined : hint };
}

function find(results: Measured, example: string, implementation: string): ModuleResult | undefined {
  return results.modules.find((m) => m.example === example && m.implementation === implementation);
}

function totalHostCalls(m: ModuleResult | undefined): number {
  return m === undefined ? 0 : m.hostCalls.reduce((sum, s) => sum + s.hostCalls, 0);
}

/** hello.fw at most 1 KB, every other example at most 4 KB (examples/ only: any-list's 1,000 items are data). */
function sizeTargets(results: Measured): TargetResult[] {
  return results.modules
    .filter((m) => m.implementation === "filterc" && m.source.startsWith("examples/"))
    .map((filterc) => {
      const limit = filterc.example === "hello" ? 1 * KB : 4 * KB;
      const minimal = find(results, filterc.example, "minimal");
      const hint = minimal && `the hand-written module is ${bytes(minimal.bytes)}, with its params as constants${largestRuntimeParts(results, filterc.example)}`;
      return atMost("size", `${filterc.example}.fw at most ${limit / KB} KB`, filterc.bytes, limit, bytes(filterc.bytes), hint);
    });
}

/** The two largest parts of the runtime in an example's module, as the end of a sentence. */
function largestRuntimeParts(results: Measured, example: string): string {
  const parts = results.sizeParts?.find((s) => s.example === example)?.parts;
  if (parts === undefined) return "";
  const runtime = Object.entries(parts)
    .filter(([part]) => !["rules and callbacks", "static data", "module structure"].includes(part))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2);
  return `; filterc's largest runtime parts are ${runtime.map(([part, n]) => `${part} (${bytes(n)})`).join(" and ")} (see "Where filterc's bytes go")`;
}

/**
 * The middle half of the per-round ratios of filterc to the hand-written module: a verdict on a line inside that
 * range could go either way in the next run.
 */
function middleHalf(results: Measured, example: string): string {
  const filterc = find(results, example, "filterc");
  const minimal = find(results, example, "minimal");
  if (filterc === undefined || minimal === undefined || filterc.nsPerCycleByRound.length < 4) return "";
  const ratios = roundRatios(filterc.nsPerCycleByRound, minimal.nsPerCycleByRound);
  return ` (middle half of rounds ${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`;
}

/** Within 1.1x of the hand-written module, and at least 5x below the SDK. */
function requestTargets(results: Measured, c: ExampleComparison): TargetResult[] {
  const targets: TargetResult[] = [];
  if (c.filtercOverMinimal !== undefined) {
    const calls = totalHostCalls(find(results, c.example, "filterc"));
    const byHand = totalHostCalls(find(results, c.example, "minimal"));
    const hint =
      `${plural(calls, "host call")} over the scenarios against ${byHand} by hand; above the host floor filterc adds ` +
      `${ns(c.filtercNetNs)}, the hand-written module ${ns(c.minimalNetNs)}`;
    const target = `${c.example}: at most 1.1x the hand-written module`;
    const measured = `${ratio(c.filtercOverMinimal)}${middleHalf(results, c.example)}`;
    targets.push(atMost("per request", target, c.filtercOverMinimal, 1.1, measured, hint));
  }
  if (c.sdkOverFilterc !== undefined) {
    const met = c.sdkOverFilterc >= 5;
    const netRatio = c.sdkNetNs === undefined ? undefined : c.sdkNetNs / c.filtercNetNs;
    targets.push({
      area: "per request",
      target: `${c.example}: at least 5x below the AssemblyScript SDK`,
      measured: `SDK ${ratio(c.sdkOverFilterc)} slower`,
      met,
      gap: met ? undefined : `${Math.round((1 - c.sdkOverFilterc / 5) * 100)}% short`,
      hint: met
        ? undefined
        : `even the hand-written module is only ${ratio(c.sdkOverMinimal)} below the SDK: both pay the host's own ` +
          `per-cycle cost (the floor); above the floor the SDK adds ${ns(c.sdkNetNs)}, filterc ${ns(c.filtercNetNs)} ` +
          `(${ratio(netRatio)})`,
    });
  }
  return targets;
}

/** No growth over the measured cycles, and one 64 KiB page. */
function memoryTargets(results: Measured): TargetResult[] {
  return results.modules
    .filter((m) => m.implementation === "filterc")
    .map((m) => {
      const growth = m.memory.pagesAfterCycles - m.memory.pagesAfterWarmup;
      const extra = m.memory.pagesAfterCycles - 1;
      return {
        area: "memory",
        target: `${m.example}: no growth over ${m.memory.cycles.toLocaleString("en-US")} cycles, one 64 KiB page`,
        measured: `${m.memory.pagesAfterWarmup} → ${m.memory.pagesAfterCycles} pages`,
        met: growth === 0 && extra === 0,
        gap: growth !== 0 ? `+${growth} pages` : extra !== 0 ? `${extra} extra pages` : undefined,
      };
    });
}

/** 1,000 rules build under 3 s warm; a no-match request with 1,000 rules at most 2x its cost with 10. */
function scalingTargets(results: Measured): TargetResult[] {
  const largest = results.scaling?.find((p) => p.rules === 1000);
  const ten = results.scaling?.find((p) => p.rules === 10);
  if (largest === undefined) return [];
  const build = "1,000 rules build under 3 s warm";
  const noMatch = "no-match request with 1,000 rules at most 2x its cost with 10";
  if (largest.error !== undefined) {
    return [
      { area: "scaling", target: build, measured: `fails after ${ms(largest.buildMs)}`, met: false, gap: "does not build", hint: largest.error },
      { area: "scaling", target: noMatch, measured: "not measurable", met: false, gap: "1,000 rules do not build" },
    ];
  }
  const targets = [atMost("scaling", build, largest.buildMs, 3000, ms(largest.buildMs))];
  if (largest.noMatch !== undefined && ten?.noMatch !== undefined) {
    const r = largest.noMatch.nsPerCycle / ten.noMatch.nsPerCycle;
    const hint = `host calls per no-match request: ${ten.noMatch.hostCalls} with 10 rules, ${largest.noMatch.hostCalls} with 1,000`;
    targets.push(atMost("scaling", noMatch, r, 2, ratio(r), hint));
  }
  return targets;
}

/** Cold `filterc lint` of one file under 0.5 s, cold `filterc build` under 2 s (the slowest example counts). */
function compileTargets(results: Measured): TargetResult[] {
  const targets: TargetResult[] = [];
  const p = results.coldStartPhases;
  if (results.lint !== undefined && results.lint.coldOneFile.length > 0) {
    const worst = results.lint.coldOneFile.reduce((a, b) => (b.ms > a.ms ? b : a));
    const what = results.lint.method === "cli" ? "cold `filterc lint` of one file" : "cold parse+check of one file (no lint command)";
    const hint =
      p &&
      `of a cold process: Node start ${ms(p.nodeStartMs)}, loading the grammar ${ms(p.grammarMs)}, ` +
        `the checker ${ms(p.frontEndMs)}, the lint engine ${ms(p.lintEngineMs)}`;
    targets.push(atMost("compile", `${what} under 0.5 s`, worst.ms, 500, `${ms(worst.ms)} (${worst.file}, slowest)`, hint));
  }
  if (results.compile !== undefined && results.compile.length > 0) {
    const worst = results.compile.reduce((a, b) => (b.coldCliMs > a.coldCliMs ? b : a));
    const hint =
      `warm in-process build of the same file: ${ms(worst.warmMs)}` +
      (p ? `; a cold process loads the compilers in ${ms(p.compilersMs)} and compiles first in ${ms(p.firstCompileMs)}` : "") +
      (worst.coldNoCacheMs !== undefined ? `; with the compiler cache off: ${ms(worst.coldNoCacheMs)}` : "") +
      (worst.coldFirstMs !== undefined ? `; the first build after an install (empty cache): ${ms(worst.coldFirstMs)}` : "") +
      `. What remains is mostly the first compile's cold JIT (asc parses its standard library each time); a resident ` +
      `build process would skip it`;
    const measured = `${ms(worst.coldCliMs)} (${worst.example}, slowest)`;
    targets.push(atMost("compile", "cold `filterc build` under 2 s", worst.coldCliMs, 2000, measured, hint));
  }
  return targets;
}

/** The issue's targets, met or missed by how much, with what the measurements say about each gap. */
export function evaluateTargets(results: Measured): TargetResult[] {
  return [
    ...sizeTargets(results),
    ...results.comparisons.flatMap((c) => requestTargets(results, c)),
    ...memoryTargets(results),
    ...scalingTargets(results),
    ...compileTargets(results),
  ];
}
