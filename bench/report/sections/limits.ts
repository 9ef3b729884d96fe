import type { KeyFlood } from "../../limits.js";
import { quantile, roundRatios } from "../../stats.js";
import { bytes, count, ns, ratio } from "../format.js";
import { table } from "../table.js";
import type { RecordedSection } from "../recorded-section.js";

/** One module of a limits case: its size, host calls per request, and time per request. */
export interface LimitsModule {
  readonly id: string;
  readonly source: string;
  readonly bytes: number;
  readonly hostCalls: number;
  readonly nsPerRequest: number;
  readonly nsPerRequestByRound: number[];
  readonly pagesAfterWarmup: number;
  readonly pagesAfterRequests: number;
  readonly failed: boolean;
}

export interface LimitsCaseResult {
  readonly name: string;
  readonly id: string;
  readonly status: number;
  readonly filterc: LimitsModule;
  readonly minimal: LimitsModule;
  readonly filtercOverMinimal: number;
  readonly behavesAlike: boolean;
}

/** What bench/limits-bench.ts records in bench/limits.json. */
export interface LimitsRecord {
  readonly date: string;
  readonly node: string;
  readonly mode: "quick" | "full";
  /** The one-minute load average when the run started: the machine is shared. */
  readonly loadAverage: number;
  readonly rounds: number;
  readonly requestsPerRound: number;
  readonly workersPerModule: number;
  readonly warmupRequests: number;
  readonly durationSeconds: number;
  readonly cases: readonly LimitsCaseResult[];
  readonly keyFlood: { readonly filterc: KeyFlood; readonly minimal: KeyFlood };
}

/** From bench/limits.json: a run of its own (bench/limits-bench.ts), as build-scale's. */
export const LIMITS: RecordedSection<LimitsRecord> = {
  file: "bench/limits.json",
  heading: "## Rate limits and authorization against hand-written modules",
  render: limitsText,
};

/** The middle half of the per-round ratios: how far one round's figure is from another's on this machine. */
function quartiles(c: LimitsCaseResult): string {
  const ratios = roundRatios(c.filterc.nsPerRequestByRound, c.minimal.nsPerRequestByRound);
  return `${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}`;
}

function limitsText(r: LimitsRecord): string {
  const rows = r.cases.map((c) => [
    c.name,
    String(c.status),
    ns(c.filterc.nsPerRequest),
    ns(c.minimal.nsPerRequest),
    ratio(c.filtercOverMinimal),
    quartiles(c),
    `${c.filterc.hostCalls} / ${c.minimal.hostCalls}`,
    `${c.filterc.pagesAfterRequests} / ${c.minimal.pagesAfterRequests}`,
    `${bytes(c.filterc.bytes)} / ${bytes(c.minimal.bytes)}`,
    c.behavesAlike && !c.filterc.failed && !c.minimal.failed ? "yes" : "**NO**",
  ]);
  const f = r.keyFlood;
  const extra = r.cases.filter((c) => c.filterc.hostCalls > c.minimal.hostCalls);
  const extraNote =
    extra.length === 0
      ? ""
      : `\n\nWhere filterc makes more host calls (${extra.map((c) => `${c.name}: ${c.filterc.hostCalls} against ${c.minimal.hostCalls}`).join("; ")}), the difference is its reading each
\`send headers\` value twice: \`authzHttpCall\` in runtime/ext-authz.ts reads the values once to size the header
list and again to write it. The hand-written module reads each once; reading them into the list in one pass would
remove the call.`;
  const floodRow = (who: string, k: KeyFlood) => [who, `${k.pagesAtLoad} / ${k.pagesAfterWarmup} / ${k.pagesAtEnd}`, count(k.sharedEntries), count(k.admitted), count(k.refused), count(k.collisions)];
  return `\`npx tsc -p tsconfig.json && node dist/bench/limits-bench.js${r.mode === "quick" ? " --quick" : ""}\` (${r.date.slice(0, 16)}Z, Node ${r.node}, load
average ${r.loadAverage.toFixed(1)} at the start; ${r.mode} mode: ${r.rounds} rounds of ${count(r.requestsPerRound)} requests per
module after ${count(r.warmupRequests)} warm-up requests, ${r.workersPerModule} workers per module, ${r.durationSeconds.toFixed(0)} s).

${table(["request", "status", "filterc", "hand-written", "filterc / hand", "rounds' ratios, p25–p75", "host calls", "pages", "wasm", "same outcome"], rows)}

The rules (\`bench/limits.ts\`, compiled as \`limits.fw\`): \`limit 100 per minute by request.header["x-api-key"] burst
50\` (4096 slots), \`limit 1000 per minute by request.header["x-tenant"] via "ratelimit"\` and \`authorize with
"ext-authz" send headers ["authorization"] copy headers ["x-user-id"]\` (HTTP mode). "Admitted" moves the host's
clock 600 ms before each request, which refills the token the request takes; "refused" keeps the clock still, so
after 150 requests every one is a 429 with \`retry-after\`, \`x-ratelimit-limit\` and \`x-ratelimit-remaining\`. The
services are the host's, answering at once: the rate limit service \`RateLimitResponse{overall_code: OK}\`, the
authorization service a 200 with \`x-user-id\`. The hand-written modules (\`bench/peers/minimal/local-limit.as.ts\`,
\`global-limit.as.ts\`, \`authz-http.as.ts\`) make the host calls these need (the key's header, the clock, the
slot's \`proxy_get_shared_data\` and compare-and-swap \`proxy_set_shared_data\`, the counter and
\`proxy_send_local_response\`; \`proxy_grpc_call\` with the same RateLimitRequest bytes, or \`proxy_http_call\` with
the same headers, then \`proxy_set_effective_context\`, the answer and \`proxy_continue_stream\`) with the same
bucket arithmetic and protobuf written by hand; \`test/guards/limits.e2e.test.ts\` checks the counts, the outcomes
(allowed, refused and failed calls too), the metrics and the messages sent. Times are CPU time per request (the
whole stream, host included), medians over rounds of the median of the workers; the ratio is the median of per-round ratios, and the next column the middle
half of them: on a shared machine one round's ratio differs from another's by more than the 1.1x margin. Where the
time goes (\`node --cpu-prof\` over 150,000 global-limit requests per module, 2026-12-08): the filter's own wasm
code is about 5% of the samples for both modules (130 of 2,408 for filterc's, 124 of 2,876 for the hand-written
one), the rest is the host's work for the same host calls; a ratio of 1.1x on these requests would need filterc's
guest code to take three times the hand-written module's, which the profile does not show.${extraNote}

**Memory over ${count(f.filterc.requests)} distinct keys.** The local limit, one request per key, the clock moving 1 ms
per request (\`keyFlood\` in bench/limits.ts; pinned by \`test/e2e/rate-limit-memory.e2e.test.ts\`):

${table(["module", "pages at load / after 1,000 / at end", "shared-data entries", "admitted", "refused", "collisions"], [floodRow("filterc", f.filterc), floodRow("hand-written", f.minimal)])}

Linear memory stays at one page, and shared data at the 4096 slots plus the overflow bucket (24 bytes of value
each), however many keys come. A bucket with one token taken is full again 600 ms later, so at one new key a
millisecond about 600 keys hold slots at any time, and a new key finds its slot held by one of them with a
probability of about 600 / 4096, 15% (docs/language.md, "Sizing \`buckets\`"): it is decided on the overflow bucket
and counted as a collision (${(100 * f.filterc.collisions / f.filterc.requests).toFixed(1)}% of the requests here), and once that bucket is empty such requests are refused. Any
other slot is taken over. Both modules make the same decisions.`;
}

