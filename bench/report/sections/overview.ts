import { table } from "../table.js";
import type { BenchResults } from "../results.js";

export function overviewSection(r: BenchResults): string {
  const number = (key: string): string => Number(r.settings[key]).toLocaleString("en-US");
  const quick = r.mode === "quick" ? " (`--quick`: smaller counts; `npm run bench` gives the full figures)" : "";
  const load = r.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(" / ");
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`); do not edit by hand. The same figures, unrounded and with every
round, are in \`bench/results.json\`.

Run: ${r.generatedAt}, ${r.mode} mode${quick}, ${r.durationSeconds.toFixed(0)} s.
Machine: Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load average ${load} at the start.

Every figure below comes from this one run. Timings are medians over ${r.settings.rounds} rounds in which all modules
take turns (${number("cycles")} request/response cycles per module in all, after ${number("warmupCycles")} warm-up
cycles); ratios are medians of the per-round ratios, so drift on a shared machine cancels out. Every module runs in
${String(r.settings.workersPerModule ?? 1)} workers of its own (V8 isolates: one module in two of them settled up to 8% apart),
each running all the cycles, and a round's figure is the median of its workers'. Each batch is timed in
CPU time of the bench process while that module's worker runs it (the other threads wait), so time the machine gives
to other processes does not count (\`bench/clock.ts\`). A cycle is one
\`runStream\` through filterc's own host (\`host/\`, V8, tracing off): request headers, upstream answer, response
headers, stream end. Its cost includes the host's own work, shown by the floor module.`;
}

export function targetsSection(r: BenchResults): string {
  const result = (met: boolean | undefined, gap: string | undefined): string =>
    met === undefined ? "–" : met ? "met" : `**missed** ${gap ?? ""}`;
  const rows = r.targets.map((t) => [t.area, t.target, t.measured, result(t.met, t.gap), t.hint ?? ""]);
  return `## Targets

${table(["area", "target", "measured", "result", "what the data says"], rows, ["l", "l", "r", "l", "l"])}

A ratio to the hand-written module is the median of the rounds' ratios; beside it, the range of the middle half of
them. When 1.1 falls inside that range, the verdict is this run's and the next run may give the other one.`;
}
