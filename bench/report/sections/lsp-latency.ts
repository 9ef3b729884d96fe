import { existsSync, readFileSync } from "node:fs";
import { repoPath } from "../../repo-root.js";
import { table } from "../table.js";
import { withSection } from "./replace-section.js";

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

export const LSP_LATENCY_FILE = "bench/lsp-latency.json";
export const LSP_LATENCY_HEADING = "## Language server: edit to diagnostics";

/** The section from bench/lsp-latency.json (a run of its own, as build-scale's), or nothing when none is recorded. */
export function lspLatencySection(): string {
  const file = repoPath(LSP_LATENCY_FILE);
  if (!existsSync(file)) return "";
  const r = JSON.parse(readFileSync(file, "utf8")) as LspLatencyRecord;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return `${LSP_LATENCY_HEADING}

${table(["rules", "open to diagnostics", "edit to diagnostics, median", "p90", "max", "server CPU per edit, median", "edits"], [[r.rules.toLocaleString("en-US"), ms(r.openMs), ms(r.medianMs), ms(r.p90Ms), ms(r.maxMs), ms(r.cpuMedianMs), String(r.edits)]])}

Recorded ${r.date} (Node ${r.node}, load average ${r.loadAverage.toFixed(1)} at the start) by \`npx tsc -p tsconfig.json &&
node dist/bench/lsp-latency.js 1000\`: \`filterc lsp\` as a process over stdio, the \`bench/corpus/rule-mix.ts\` set
open, each edit breaking or fixing one rule's phase, timed from sending the change to receiving that version's
diagnostics (wall time, with the server's debounce set to 0; an editor adds the default debounce of 200 ms), and the
server process's CPU time for the same interval (from /proc, in 10 ms ticks), which the machine's other load does
not inflate. Target (issue 19): within 200 ms.`;
}

/** `markdown` with its language-server section replaced by (or, if it has none, followed by) `section`. */
export function withLspLatencySection(markdown: string, section: string): string {
  return withSection(markdown, LSP_LATENCY_HEADING, section);
}
