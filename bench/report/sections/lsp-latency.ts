import { table } from "../table.js";
import type { RecordedSection } from "../recorded-section.js";

/** What bench/lsp-latency.ts records. Times are wall-clock milliseconds, as an editor's user waits them. */
export interface LspLatencyRecord {
  readonly date: string;
  readonly node: string;
  /** The one-minute load average when the run started: the machine is shared. */
  readonly loadAverage: number;
  readonly rules: number;
  readonly edits: number;
  readonly openMs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly maxMs: number;
  /** The server process's CPU time per edit (user and system, from /proc), median: what the machine's load does not inflate. */
  readonly cpuMedianMs: number;
}

/** From bench/lsp-latency.json: a run of its own, as build-scale's. */
export const LSP_LATENCY: RecordedSection<LspLatencyRecord> = {
  file: "bench/lsp-latency.json",
  heading: "## Language server: edit to diagnostics",
  render: lspLatencyText,
};

function lspLatencyText(r: LspLatencyRecord): string {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return `${table(["rules", "open to diagnostics", "edit to diagnostics, median", "p90", "max", "server CPU per edit, median", "edits"], [[r.rules.toLocaleString("en-US"), ms(r.openMs), ms(r.medianMs), ms(r.p90Ms), ms(r.maxMs), ms(r.cpuMedianMs), String(r.edits)]])}

Recorded ${r.date} (Node ${r.node}, load average ${r.loadAverage.toFixed(1)} at the start) by \`npx tsc -p tsconfig.json &&
node dist/bench/lsp-latency.js 1000\`: \`filterc lsp\` as a process over stdio, the \`bench/corpus/rule-mix.ts\` set
open, each edit breaking or fixing one rule's phase, timed from sending the change to receiving that version's
diagnostics (wall time, with the server's debounce set to 0; an editor adds the default debounce of 200 ms), and the
server process's CPU time for the same interval (from /proc, in 10 ms ticks), which the machine's other load does
not inflate. Target (issue 19): within 200 ms.`;
}
