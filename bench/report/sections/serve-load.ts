import { count } from "../format.js";
import { table } from "../table.js";
import type { RecordedSection } from "../recorded-section.js";

/** One autocannon run of bench/serve-load.ts. */
export interface ServeLoadRun {
  readonly rps: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
}

export interface ServeLoadRecord {
  readonly date: string;
  readonly node: string;
  readonly rules: string;
  readonly duration: number;
  readonly connections: number;
  readonly workers: number;
  readonly direct: ServeLoadRun;
  readonly proxied: ServeLoadRun;
}

/**
 * Issue 17's load test, from bench/serve-load.json: a run of its own (`node dist/bench/serve-load.js --record`), so
 * `npm run bench` renders the last recorded figures.
 */
export const SERVE_LOAD: RecordedSection<ServeLoadRecord> = {
  file: "bench/serve-load.json",
  heading: "## filterc serve under load",
  render: serveLoadText,
};

function serveLoadText(r: ServeLoadRecord): string {
  const row = (name: string, run: ServeLoadRun) => [name, count(Math.round(run.rps)), `${run.p50Ms} ms`, `${run.p99Ms} ms`, count(run.requests), String(run.errors), String(run.non2xx)];
  return `${table(["path", "requests/s", "p50", "p99", "requests", "errors", "non-2xx"], [row("direct to the upstream", r.direct), row("through filterc serve", r.proxied)])}

Recorded ${r.date} (Node ${r.node}) by \`node dist/bench/serve-load.js --duration ${r.duration} --connections ${r.connections} --workers ${r.workers} --rules ${r.rules} --record\`:
autocannon (in the bench process) against a loopback node:http upstream that answers \`ok\` (a process of its own),
for ${r.duration} s directly and then ${r.duration} s through \`filterc serve\` (a third process, ${r.workers} worker${r.workers === 1 ? "" : "s"}),
at ${r.connections} connections. Latency is per request as autocannon measures it; everything shares one machine, so
the figures say what a laptop loop costs, not what Envoy would do.`;
}
