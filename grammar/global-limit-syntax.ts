import type { Span } from "./ast.js";
import { error, type CodeDoc, type Diagnostic } from "./diagnostic.js";

/**
 * The syntax of a global limit, `limit N per UNIT [by EXPR] via "CLUSTER" [timeout 20ms] [on failure allow|deny]`
 * (docs/language.md, "Global rate limits"): codes E0154-E0158.
 */

/** The unit only the rate limit service knows (envoyproxy/ratelimit's `day`); a local bucket stops at `hour`. */
export const GLOBAL_ONLY_UNIT = "day";

/** The longest `timeout` of a global limit: a request waits that long at most for the service. */
export const MAX_CALLOUT_TIMEOUT_MS = 60_000;

const FORM = 'limit N per second|minute|hour|day [by EXPR] via "CLUSTER" [timeout 20ms] [on failure allow|deny]';

/** `limit 100 per day` without `via`. */
export function dayWithoutVia(span: Span): Diagnostic {
  return error("E0154", span, "`per day` is only for a global limit (`via \"CLUSTER\"`)", "a local limit refills per `second`, `minute` or `hour`: write `limit N per hour` with N a 24th of the day's, or add `via \"CLUSTER\"`");
}

/** `burst`, `buckets` or `headers off` next to `via`: those shape a local bucket, which a global limit has none of. */
export function localClauseWithVia(span: Span, word: string): Diagnostic {
  return error("E0155", span, `\`${word}\` does not go with \`via\`: the rate limit service keeps the counts of a global limit`, "leave it out, and set the service's limits in the generated ratelimit-config.yaml");
}

/** `via ""`. */
export function emptyCluster(span: Span): Diagnostic {
  return error("E0156", span, "the cluster of `via` is empty", `name the Envoy cluster of the rate limit service: ${FORM}`);
}

/** The milliseconds of `timeout N UNIT`, or why they are not. */
export function timeoutMs(digits: string, unit: string | undefined): number | string {
  if (unit === undefined) return "has no unit";
  const scale = unit === "ms" ? 1 : unit === "s" ? 1000 : undefined;
  if (scale === undefined) return `has the unit \`${unit}\`, not \`ms\` or \`s\``;
  const ms = Number(digits) * scale;
  if (ms < 1 || ms > MAX_CALLOUT_TIMEOUT_MS) return "is out of range";
  return ms;
}

/** `timeout 20`, `timeout 20sec`, `timeout 0ms`. */
export function badTimeout(span: Span, written: string, why: string): Diagnostic {
  return error("E0157", span, `the timeout \`${written}\` of \`via\` ${why}`, `write a duration from 1ms to ${MAX_CALLOUT_TIMEOUT_MS / 1000}s, e.g. \`timeout 20ms\` or \`timeout 1s\``);
}

/** `on failure` without `allow` or `deny`. */
export function badFailureChoice(span: Span, written: string | undefined): Diagnostic {
  const what = written === undefined ? "expected `allow` or `deny` after `on failure`" : `expected \`allow\` or \`deny\` after \`on failure\`, found \`${written}\``;
  return error("E0158", span, what, "`on failure allow` lets the request through when the service fails or is late (the default); `on failure deny` answers 500");
}

export const GLOBAL_LIMIT_SYNTAX_CODES: Readonly<Record<string, CodeDoc>> = {
  E0154: {
    title: "`per day` without `via`",
    explanation: `Local buckets refill per \`second\`, \`minute\` or \`hour\`. A daily limit is for a global limit, whose
counts the rate limit service keeps (envoyproxy/ratelimit knows \`day\`).

Incorrect:

    rule "api" on request_headers limit 10000 per day by request.header["x-api-key"]

Correct:

    rule "api" on request_headers limit 10000 per day by request.header["x-api-key"] via "ratelimit"`,
  },
  E0155: {
    title: "a local clause of `limit` with `via`",
    explanation: `\`burst\`, \`buckets\` and \`headers off\` shape the token bucket of a local limit. A global limit
(\`via "CLUSTER"\`) has no bucket in the proxy: the rate limit service counts, and its answer brings the headers of
the 429.

Incorrect:

    rule "api" on request_headers limit 100 per minute burst 10 via "ratelimit"

Correct:

    rule "api" on request_headers limit 100 per minute via "ratelimit"`,
  },
  E0156: {
    title: "empty cluster of `via`",
    explanation: `\`via\` names the Envoy cluster of the rate limit service (its ShouldRateLimit method is called on it).

Incorrect:

    rule "api" on request_headers limit 100 per minute via ""

Correct:

    rule "api" on request_headers limit 100 per minute via "ratelimit"`,
  },
  E0157: {
    title: "bad `timeout` of `via`",
    explanation: `How long a request waits for the rate limit service: a whole number with \`ms\` or \`s\`, from 1ms to
${MAX_CALLOUT_TIMEOUT_MS / 1000}s. Without it the wait is 20ms, as Envoy's ratelimit filter's.

Incorrect:

    rule "api" on request_headers limit 100 per minute via "ratelimit" timeout 20

Correct:

    rule "api" on request_headers limit 100 per minute via "ratelimit" timeout 20ms`,
  },
  E0158: {
    title: "`on failure` without `allow` or `deny`",
    explanation: `What a global limit does when the service fails or does not answer in time: \`allow\` (the default, as
Envoy's ratelimit filter with \`failure_mode_deny: false\`) lets the request through; \`deny\` answers 500.

Incorrect:

    rule "api" on request_headers limit 100 per minute via "ratelimit" on failure block

Correct:

    rule "api" on request_headers limit 100 per minute via "ratelimit" on failure deny`,
  },
};
