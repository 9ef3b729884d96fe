import { bytes, ms, ns, over, ratio } from "./format.js";
import type { BenchResults, ModuleResult, TargetResult } from "./results.js";

type Measured = Omit<BenchResults, "targets" | "generatedAt" | "durationSeconds">;

const KB = 1024;

function upTo(area: string, target: string, value: number, limit: number, shown: string, hint?: string): TargetResult {
  const met = value <= limit;
  return { area, target, measured: shown, met, gap: met ? undefined : over(value, limit), hint: met ? undefined : hint };
}

function hostCallsOf(m: ModuleResult | undefined): number {
  return m === undefined ? 0 : m.hostCalls.reduce((sum, s) => sum + s.hostCalls, 0);
}

/** The targets, met or missed by how much, with what the data says would close a gap. */
export function evaluateTargets(results: Measured): TargetResult[] {
  const targets: TargetResult[] = [];
  const module = (example: string, implementation: string): ModuleResult | undefined =>
    results.modules.find((m) => m.example === example && m.implementation === implementation);
  for (const filterc of results.modules.filter((m) => m.implementation === "filterc")) {
    const limit = filterc.example === "hello" ? 1 * KB : 4 * KB;
    const minimal = module(filterc.example, "minimal");
    targets.push(
      upTo("size", `${filterc.example}.fw at most ${limit / KB} KB`, filterc.bytes, limit, bytes(filterc.bytes),
        minimal && `the hand-written module is ${bytes(minimal.bytes)}`),
    );
  }
  for (const c of results.comparisons) {
    const filterc = module(c.example, "filterc");
    const minimal = module(c.example, "minimal");
    if (c.filtercOverMinimal !== undefined) {
      const calls = `${hostCallsOf(filterc)} host calls over the scenarios against ${hostCallsOf(minimal)} by hand`;
      targets.push(upTo("per request", `${c.example}: at most 1.1x the hand-written module`, c.filtercOverMinimal, 1.1,
        ratio(c.filtercOverMinimal), `${calls}; filterc adds ${ns(c.filtercNetNs)} above the host floor, the hand-written module ${ns(c.minimalNetNs)}`));
    }
    if (c.sdkOverFilterc !== undefined) {
      const met = c.sdkOverFilterc >= 5;
      targets.push({
        area: "per request",
        target: `${c.example}: at least 5x below the AssemblyScript SDK`,
        measured: `SDK ${ratio(c.sdkOverFilterc)} slower`,
        met,
        gap: met ? undefined : `${Math.round((1 - c.sdkOverFilterc / 5) * 100)}% short`,
        hint: met ? undefined : `most of a cycle is the host's own cost (floor); above the floor the SDK adds ${ns(c.sdkNetNs)}, filterc ${ns(c.filtercNetNs)}`,
      });
    }
  }
  for (const m of results.modules.filter((x) => x.implementation === "filterc")) {
    const growth = m.memory.pagesAfterCycles - m.memory.pagesAfterWarmup;
    const cycles = m.memory.cycles.toLocaleString("en-US");
    targets.push({
      area: "memory",
      target: `${m.example}: no growth over ${cycles} cycles, one 64 KiB page`,
      measured: `${m.memory.pagesAfterWarmup} → ${m.memory.pagesAfterCycles} pages`,
      met: growth === 0 && m.memory.pagesAfterCycles === 1,
      gap: growth === 0 ? (m.memory.pagesAfterCycles === 1 ? undefined : `${m.memory.pagesAfterCycles - 1} extra pages`) : `+${growth} pages`,
    });
  }
  const scaling = results.scaling;
  if (scaling !== undefined) {
    const largest = scaling.find((p) => p.rules === 1000);
    const ten = scaling.find((p) => p.rules === 10);
    if (largest?.error !== undefined) {
      targets.push({ area: "scaling", target: "1,000 rules build under 3 s warm", measured: `fails after ${ms(largest.buildMs)}`, met: false, gap: "does not build", hint: largest.error });
    } else if (largest !== undefined) {
      targets.push(upTo("scaling", "1,000 rules build under 3 s warm", largest.buildMs, 3000, ms(largest.buildMs)));
    }
    const target = "no-match request with 1,000 rules at most 2x its cost with 10";
    if (largest?.noMatch !== undefined && ten?.noMatch !== undefined) {
      const r = largest.noMatch.nsPerCycle / ten.noMatch.nsPerCycle;
      targets.push(upTo("scaling", target, r, 2, ratio(r),
        `host calls per no-match request: ${ten.noMatch.hostCalls} with 10 rules, ${largest.noMatch.hostCalls} with 1,000`));
    } else if (largest !== undefined) {
      targets.push({ area: "scaling", target, measured: "not measurable", met: false, gap: "1,000 rules do not build" });
    }
  }
  if (results.lint !== undefined) {
    const worst = results.lint.coldOneFile.reduce((a, b) => (b.ms > a.ms ? b : a));
    const what = results.lint.method === "cli" ? "cold `filterc lint` of one file" : "cold parse+check of one file (no lint command)";
    const p = results.coldStartPhases;
    const hint = p && `of a cold process: Node start ${ms(p.nodeStartMs)}, loading chevrotain ${ms(p.parserLibraryMs)}, grammar and checker ${ms(p.frontEndMs)}, lint engine ${ms(p.lintEngineMs)}`;
    targets.push(upTo("compile", `${what} under 0.5 s`, worst.ms, 500, `${ms(worst.ms)} (${worst.file}, slowest example)`, hint));
  }
  if (results.compile !== undefined && results.compile.length > 0) {
    const worst = results.compile.reduce((a, b) => (b.coldCliMs > a.coldCliMs ? b : a));
    targets.push(upTo("compile", "cold `filterc build` under 2 s", worst.coldCliMs, 2000, `${ms(worst.coldCliMs)} (${worst.example}, slowest example)`,
      `warm in-process build of the same file: ${ms(worst.warmMs)}` +
        (results.coldStartPhases === undefined
          ? ""
          : `; a cold process loads the compilers in ${ms(results.coldStartPhases.compilersMs)} and its first compile takes ${ms(results.coldStartPhases.firstCompileMs)}`)));
  }
  return targets;
}
