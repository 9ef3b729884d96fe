import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/**
 * Where a global limit (`limit ... via "CLUSTER"`, docs/language.md "Global rate limits") may stand: codes
 * E0267-E0269 and E0282-E0284.
 */

export function globalLimitInUnnamedRule(span: Span): Diagnostic {
  return error("E0267", span, "a global limit needs a named rule: the rule's name is its descriptor for the rate limit service", 'name the rule: `rule "api" on request_headers limit 100 per minute via "ratelimit"`');
}

export function globalLimitPhase(span: Span, phase: string): Diagnostic {
  return error("E0268", span, `a global limit cannot be used \`on ${phase}\`: it asks the rate limit service before the request headers go on`, "put it in a rule `on request_headers`");
}

export function globalLimitNotLast(span: Span): Diagnostic {
  return error("E0269", span, "a global limit must be the last action of its rule or branch: the request waits for the service's answer there", "move the actions after it into a rule of their own after this one: rules after a global limit run once the service allows the request");
}

export function letBeforeGlobalLimit(span: Span, name: string, where: string): Diagnostic {
  return error("E0282", span, `\`let ${name}\` comes before ${where}: its value would not survive the wait for the service`, "move the `let` after the rule with the global limit, or compute the value in a later rule");
}

export function globalLimitRateNotLiteral(span: Span): Diagnostic {
  return error("E0283", span, "the number of a global limit must be written out: the rate limit service's configuration is generated from it at build time", "write the number, e.g. `limit 100 per minute via \"ratelimit\"`; a param cannot change ratelimit-config.yaml");
}

export function twoGlobalLimitsInRule(span: Span): Diagnostic {
  return error("E0284", span, "a rule has one global limit: the rate limit service knows a rule's limit by the rule's name", "give the other limit a rule of its own, with its own name");
}

const EXAMPLE = 'rule "api" on request_headers limit 100 per minute by request.header["x-tenant"] via "ratelimit"';

export const GLOBAL_LIMIT_DOCS: Record<string, CodeDoc> = {
  E0267: {
    title: "a global limit in a rule without a name",
    explanation: `A global limit sends the rate limit service the descriptor \`rule: NAME\` (plus \`by: VALUE\`), and the
generated ratelimit-config.yaml sets the limit for that name: the rule needs one.

Incorrect:

\`\`\`fw
on request_headers limit 100 per minute via "ratelimit"
\`\`\`

Correct:

\`\`\`fw
${EXAMPLE}
\`\`\`
`,
  },
  E0268: {
    title: "a global limit outside `on request_headers`",
    explanation: `A global limit pauses the request while the rate limit service decides, and continues or answers 429
from its answer: it belongs to the request headers, before anything goes upstream.

Incorrect:

\`\`\`fw
rule "api" on request_body limit 100 per minute via "ratelimit"
\`\`\`

Correct:

\`\`\`fw
${EXAMPLE}
\`\`\`
`,
  },
  E0269: {
    title: "actions after a global limit in its rule",
    explanation: `The request waits at a global limit for the service's answer; the rules after its rule run once the
answer allows the request. Actions after the limit in the same rule or branch would have nowhere to run.

Incorrect:

\`\`\`fw
rule "api" on request_headers { limit 100 per minute via "ratelimit"; set "x-limited" = "yes" }
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 100 per minute via "ratelimit"
rule "mark" on request_headers set "x-limited" = "yes"
\`\`\`
`,
  },
  E0282: {
    title: "`let` before a global limit",
    explanation: `A variable set before a global limit in the request headers phase would have to be kept while the
request waits for the rate limit service. Set it after the limit's rule instead.

Incorrect:

\`\`\`fw
rule "who" on request_headers { let tenant = request.header["x-tenant"]; set "x-t" = tenant }
${EXAMPLE}
\`\`\`

Correct:

\`\`\`fw
${EXAMPLE}
rule "who" on request_headers { let tenant = request.header["x-tenant"]; set "x-t" = tenant }
\`\`\`
`,
  },
  E0283: {
    title: "a param as the number of a global limit",
    explanation: `\`filterc build\` writes the rate limit service's configuration (ratelimit-config.yaml) with the number of
each global limit: it must be known at build time, so it is written out, not a param tuned at runtime.

Incorrect:

\`\`\`fw
param per_minute = 100
rule "api" on request_headers limit per_minute per minute via "ratelimit"
\`\`\`

Correct:

\`\`\`fw
rule "api" on request_headers limit 100 per minute via "ratelimit"
\`\`\`
`,
  },
  E0284: {
    title: "two global limits in one rule",
    explanation: `The rate limit service counts a global limit under the descriptor \`rule: NAME\`, and the generated
ratelimit-config.yaml gives that descriptor one rate: a rule has one global limit, in whichever branch.

Incorrect:

\`\`\`fw
rule "api" on request_headers when request.method == "POST" limit 10 per minute via "ratelimit" else limit 100 per minute via "ratelimit"
\`\`\`

Correct:

\`\`\`fw
rule "api-writes" on request_headers when request.method == "POST" limit 10 per minute via "ratelimit"
rule "api-reads" on request_headers when request.method != "POST" limit 100 per minute via "ratelimit"
\`\`\`
`,
  },
};
