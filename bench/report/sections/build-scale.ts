import { bytes, count, ns, ratio } from "../format.js";
import { table } from "../table.js";
import type { RecordedSection } from "../recorded-section.js";

/** What bench/build-scale.ts records per rule count (from one run of bench/build-scaling.ts). */
export interface BuildScalePoint {
  readonly rules: number;
  readonly buildWallMs: number;
  readonly buildCpuMs: number;
  readonly peakRssMb: number;
  readonly bytes: number;
  readonly wrong: number;
  readonly noMatchNs: number;
}

/** Figures of an earlier build of filterc kept beside the current ones: what a change to the build was measured against. */
export interface BuildScaleBaseline {
  /** Which filterc, e.g. a commit. */
  readonly label: string;
  readonly points: readonly Pick<BuildScalePoint, "rules" | "buildCpuMs" | "peakRssMb">[];
}

export interface BuildScaleRecord {
  readonly date: string;
  readonly node: string;
  readonly points: readonly BuildScalePoint[];
  /** Kept by bench/build-scale.ts from one run to the next; written by hand from a run of the earlier build. */
  readonly baseline?: BuildScaleBaseline;
}

/**
 * Issue 11's build targets, from bench/build-scale.json: a run of its own (minutes per 50,000 rules), so
 * `npm run bench` renders the last recorded figures rather than measuring them again.
 */
export const BUILD_SCALE: RecordedSection<BuildScaleRecord> = {
  file: "bench/build-scale.json",
  heading: "## Build time and memory at scale",
  render: buildScaleText,
};

function buildScaleText(recorded: BuildScaleRecord): string {
  const before = (rules: number) => recorded.baseline?.points.find((p) => p.rules === rules);
  const cpuBefore = (rules: number) => {
    const p = before(rules);
    return p === undefined ? "–" : `${(p.buildCpuMs / 1000).toFixed(2)} s, ${Math.round(p.peakRssMb)} MB`;
  };
  const base = recorded.points.find((p) => p.rules === 10)?.noMatchNs;
  const rows = recorded.points.map((p) => [
    count(p.rules),
    bytes(p.bytes),
    `${(p.buildCpuMs / 1000).toFixed(2)} s`,
    `${Math.round(p.peakRssMb)} MB`,
    ns(p.noMatchNs),
    base === undefined ? "–" : ratio(p.noMatchNs / base),
    p.wrong === 0 ? "all fire" : `**${p.wrong} wrong**`,
    ...(recorded.baseline === undefined ? [] : [cpuBefore(p.rules)]),
  ]);
  const baselineHeader = recorded.baseline === undefined ? [] : [`before (${recorded.baseline.label}): CPU, peak RSS`];
  return `${table(["rules", "wasm", "build CPU (user+sys, warm)", "peak RSS", "no-match request", "vs 10 rules", "sampled rules", ...baselineHeader], rows)}

Recorded ${recorded.date} (Node ${recorded.node}) by \`npx tsc -p tsconfig.json && node dist/bench/build-scale.js\`: one
process per rule count runs \`dist/bench/build-scaling.js N\` (a warm-up build of 10 rules, then one build of the
\`bench/corpus/rule-mix.ts\` set, as in the scaling section). Build time is CPU time of all the process's threads, not
wall time: the machine is shared. Peak RSS is the process's maximum resident set after the build (warm-up included),
before the module is loaded into the host. Targets (issue 11): 10,000 rules under 5 s, 50,000 under 30 s, under 1 GB,
no-match cost at 50,000 rules at most 2x its cost at 10. The no-match figure is one process's mean over 5,000
requests through the host, much noisier than the scaling section's.`;
}
