import type { Span } from "./ast.js";
import { error, type CodeDoc, type Diagnostic } from "./diagnostic.js";
import { closestWord } from "./suggest.js";

/** The units of `limit N per UNIT`, as the rule writes them. */
export const LIMIT_UNITS: readonly string[] = ["second", "minute", "hour"];

const FORM = "limit N per second|minute|hour [by EXPR] [burst M] [buckets K] [headers off]";

/** `limit 10 minute`: the word after the number is not `per`. */
export function limitWithoutPer(span: Span, written: string): Diagnostic {
  return error("E0150", span, `expected \`per\` after the number of \`limit\`, found \`${written}\``, `write it as \`${FORM}\`, e.g. \`limit 10 per minute\``);
}

/** `limit 10 per day`: a unit the limit does not know. */
export function unknownLimitUnit(span: Span, written: string | undefined): Diagnostic {
  if (written === undefined) return error("E0151", span, "expected the unit of `limit` after `per`: `second`, `minute` or `hour`", `write it as \`${FORM}\``);
  const close = closestWord(written, LIMIT_UNITS) ?? (written.endsWith("s") ? closestWord(written.slice(0, -1), LIMIT_UNITS) : undefined);
  const hint = close !== undefined ? `did you mean \`per ${close}\`?` : "a limit is per `second`, `minute` or `hour`; for a day, write `limit N per hour` with N a 24th of it";
  return error("E0151", span, `unknown unit \`${written}\` of \`limit\``, hint);
}

/** `limit ... headers` not followed by `off`: the headers are on by default, so `off` is the only word. */
export function limitHeadersNotOff(span: Span, written: string | undefined): Diagnostic {
  return error("E0152", span, written === undefined ? "expected `off` after `headers` of `limit`" : `expected \`off\` after \`headers\` of \`limit\`, found \`${written}\``, "the 429 carries `retry-after` and `x-ratelimit-*` headers unless the limit ends with `headers off`");
}

/** `burst` or `buckets` left over at the end of a `limit` because no number follows (syntax-errors.ts). */
export function limitClauseWithoutNumber(word: string): { code: string; message: string; hint: string } {
  return word === "burst"
    ? { code: "E0153", message: "`burst` of `limit` takes a whole number or an int param", hint: "limit 10 per minute by source.address burst 5" }
    : { code: "E0153", message: "`buckets` of `limit` takes a whole number", hint: "limit 10 per minute by source.address buckets 4096" };
}

/** Codes E0150-E0153: the syntax of `limit` (docs/language.md, "Rate limits"). */
export const LIMIT_SYNTAX_CODES: Readonly<Record<string, CodeDoc>> = {
  E0150: {
    title: "`limit` without `per`",
    explanation: `A rate limit is written \`${FORM}\`: the number of requests, the word \`per\`, then the unit.

Incorrect:

    rule "login" on request_headers when request.path == "/login" limit 5 minute by source.address

Correct:

    rule "login" on request_headers when request.path == "/login" limit 5 per minute`,
  },
  E0151: {
    title: "unknown unit of `limit`",
    explanation: `A rate limit refills per \`second\`, \`minute\` or \`hour\`, in the singular. A longer period is an
hour with a smaller number: 2400 a day is \`limit 100 per hour\` (which also refills evenly over the day).

Incorrect:

    rule "api" on request_headers limit 100 per minutes

Correct:

    rule "api" on request_headers limit 100 per minute`,
  },
  E0153: {
    title: "`burst` or `buckets` of `limit` without a number",
    explanation: `\`burst M\` (extra tokens a full bucket holds) takes a whole number or the name of an int param, and
\`buckets K\` (the slots keys are hashed into) a whole number.

Incorrect:

    rule "login" on request_headers limit 5 per minute by source.address burst

Correct:

    rule "login" on request_headers limit 5 per minute by source.address burst 5`,
  },
  E0152: {
    title: "`headers` of `limit` without `off`",
    explanation: `A refused request gets a 429 with \`retry-after\` (whole seconds until a token), \`x-ratelimit-limit\` and
\`x-ratelimit-remaining\`. \`headers off\` at the end of a limit sends the 429 without them (to tell a client
less about the limit); there is nothing else to say after \`headers\`.

Incorrect:

    rule "login" on request_headers limit 5 per minute by source.address headers none

Correct:

    rule "login" on request_headers limit 5 per minute by source.address headers off`,
  },
};
