import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { Phase } from "../../phases.js";

/** `limit N per UNIT` (docs/language.md, "Rate limits"): codes E0262-E0269. */

/** The largest N, M: (N + M) tokens of an hour, in nanoseconds, must fit the runtime's 64-bit level. */
export const MAX_LIMIT_TOKENS = 1_000_000;
/** The largest `buckets`: 24 bytes of shared data and a key each, per limit. */
export const MAX_LIMIT_BUCKETS = 1_048_576;

export function limitNotInRequestPhase(span: Span, phase: Phase): Diagnostic {
  return error(
    "E0262",
    span,
    `\`limit\` cannot be used \`on ${phase}\`: a rate limit decides whether a request goes upstream`,
    "put it in a rule `on request_headers` (or `on request_body`), before the request is sent on",
  );
}

export function limitAmountInvalid(span: Span, clause: "limit" | "burst", written: string, why: string): Diagnostic {
  const example = clause === "limit" ? "limit 10 per minute" : "limit 10 per minute burst 5";
  return error("E0263", span, `the ${clause === "limit" ? "number of requests" : "burst"} of \`limit\` must be ${clause === "limit" ? "a whole number from 1" : "a whole number from 0"} to ${MAX_LIMIT_TOKENS.toLocaleString("en-US")} or an int param, but \`${written}\` ${why}`, `e.g. \`${example}\`, or \`param rate = 10\` and \`limit rate per minute\``);
}

export function limitKeyNotScalar(span: Span, written: string): Diagnostic {
  return error("E0264", span, `\`limit ... by\` takes one value per request, but ${written} is a list`, 'key the limit by one value, e.g. `by source.address` or `by request.header["x-api-key"]`');
}

export function limitBucketsOutOfRange(span: Span, value: number): Diagnostic {
  return error("E0265", span, `\`buckets ${value}\` is out of range: a limit has from 1 to ${MAX_LIMIT_BUCKETS.toLocaleString("en-US")} buckets`, "about twice the number of keys active within one refill period is plenty (docs/language.md, \"Rate limits\")");
}

export function bucketsWithoutKey(span: Span): Diagnostic {
  return error("E0266", span, "`buckets` without `by`: a limit without a key has one bucket", "key the limit with `by EXPR`, or remove `buckets`");
}

const SYNOPSIS = "`limit N per second|minute|hour [by EXPR] [burst M] [buckets K] [headers off]`";

export const RATE_LIMIT_DOCS: Record<string, CodeDoc> = {
  E0262: {
    title: "`limit` outside a request phase",
    explanation: `${SYNOPSIS} decides whether a request goes upstream, so it is an action of the request phases:
\`on request_headers\` and \`on request_body\`. By the response phases the request has been served.

Incorrect:

\`\`\`fw
rule "api" on response_headers limit 100 per minute
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 100 per minute
\`\`\`
`,
  },
  E0263: {
    title: "the number of a `limit` is not a positive whole number",
    explanation: `The number of requests per unit (N) and the \`burst\` (M) of ${SYNOPSIS} are whole numbers, N from 1
and M from 0, up to ${MAX_LIMIT_TOKENS.toLocaleString("en-US")} each (so that N + M tokens of an hour still fit the bucket's 64-bit fixed-point level), or the
name of an int param, so that they can be tuned without a rebuild (not a field or a variable: the bucket's size
must not change from one request to the next). A param's value is checked the same way; at
runtime a value out of range is brought into it.

Incorrect:

\`\`\`fw
rule "api" on request_headers limit 0 per minute
\`\`\`

Correct:

\`\`\`fw
param api_rate = 100
rule "api" on request_headers limit api_rate per minute burst 20
\`\`\`
`,
  },
  E0264: {
    title: "`limit ... by` a list",
    explanation: `\`by EXPR\` names the key whose bucket a request takes a token from: one value per request (a string, or an
int or bool, keyed by its text). A list has no single bucket.

Incorrect:

\`\`\`fw
rule "api" on request_headers limit 10 per second by ["a", "b"]
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 10 per second by request.header["x-api-key"]
\`\`\`
`,
  },
  E0265: {
    title: "`buckets` out of range",
    explanation: `\`buckets K\` is how many slots of shared data the keys of a limit are hashed into (4096 without it): the
memory a limit takes is bounded by it whatever the number of clients, about 70 bytes of shared data a slot. K is
from 1 to ${MAX_LIMIT_BUCKETS.toLocaleString("en-US")}. Sizing: about twice the number of keys that are active within one refill period
(docs/language.md, "Rate limits").

Incorrect:

\`\`\`fw
rule "api" on request_headers limit 10 per second by source.address buckets 0
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 10 per second by source.address buckets 16384
\`\`\`
`,
  },
  E0266: {
    title: "`buckets` without `by`",
    explanation: `A limit without \`by\` has a single bucket that every request takes from, so \`buckets\` has nothing
to spread: either key the limit or remove the clause.

Incorrect:

\`\`\`fw
rule "api" on request_headers limit 100 per second buckets 64
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 10 per second by source.address buckets 64
\`\`\`
`,
  },
};
