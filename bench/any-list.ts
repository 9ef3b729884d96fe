// The `any-list` section of `npm run bench` (`npm run bench -- --only any-list` runs it alone): the cost of
// `contains any` over a 1,000-item list param (its default: the automaton filterc builds at compile time) against a
// hand-written module doing the same host calls with the fastest matcher there is (bench/peers/minimal/any-list.as.ts:
// a full transition table), measured and reported like an example (run.ts, measure/request-costs.ts). It is not in
// examples/: a list this long is a benchmark, not an example to copy.

import type { Example } from "./examples.js";
import type { Scenario } from "./scenarios.js";

/** The agents the hand-written module lists too (its agentName()). */
export const AGENTS = Array.from({ length: 1000 }, (_, i) => `crawler${i}/`);

export const ANY_LIST_RULES = `param agents = [${AGENTS.map((a) => JSON.stringify(a)).join(", ")}]
on request_headers when request.header["user-agent"] contains any agents set "x-bot" = "1"
`;

/** Measured as if it were examples/any-list.fw; its source is this file. */
export const ANY_LIST_CASE: Example = { name: "any-list", file: "bench/any-list.ts", text: ANY_LIST_RULES };

export const ANY_LIST_SCENARIOS: readonly Scenario[] = [
  {
    name: "browser (no agent: the whole value is read)",
    spec: { request: { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" } } },
  },
  { name: "crawler999/ at the end", spec: { request: { headers: { "user-agent": "Mozilla/5.0 (compatible; Examplebot/2.1; +crawler999/" } } } },
  { name: "crawler7/ near the start", spec: { request: { headers: { "user-agent": "crawler7/1.0 (+https://example.com/bot)" } } } },
];
