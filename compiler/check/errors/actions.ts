import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** Action arguments fixed at compile time: statuses and log levels. */

export function statusNotInteger(span: Span, action: string, what: string, isParam: boolean): Diagnostic {
  return error(
    "E0408",
    span,
    `the status of \`${action}\` must be an integer literal, but ${what} is not one`,
    isParam ? "params cannot set a status yet: write the number, e.g. `403`" : "write the number without quotes, e.g. `403`",
  );
}

export function statusOutOfRange(span: Span, action: string, status: number, min: number, max: number): Diagnostic {
  return error("E0409", span, `\`${action}\` status ${status} is out of range: it must be between ${min} and ${max}`, statusHint(action));
}

function statusHint(action: string): string {
  return action === "redirect"
    ? "redirects use 3xx statuses: 301, 302, 303, 307 or 308 (302 when omitted)"
    : "use a status such as 403 (forbidden), 404 (not found) or 429 (too many requests)";
}

export function unknownLogLevel(span: Span, level: string, hint: string | undefined): Diagnostic {
  return error("E0410", span, `unknown log level \`${level}\``, hint ?? "the levels are trace, debug, info, warn, error and critical");
}

export function emptyQueryName(span: Span, op: "set" | "remove"): Diagnostic {
  return error("E0411", span, `\`${op} query\` needs a parameter name, but this one is empty`, `write the name of the parameter, e.g. \`${op} query "page"${op === "set" ? ' = "1"' : ""}\``);
}

export const ACTION_DOCS: Record<string, CodeDoc> = {
  E0408: {
    title: "status is not an integer literal",
    explanation: `The status of \`deny\`, \`respond\` and \`redirect\` is checked when the rules are compiled, so it is
written as a number: not a string, not a param (params cannot set a status yet).

Incorrect:

\`\`\`fw
on request_headers when request.path starts_with "/admin" deny "403"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path starts_with "/admin" deny 403
\`\`\`
`,
  },
  E0409: {
    title: "status out of range",
    explanation: `\`deny\` and \`respond\` send a status between 200 and 599; \`redirect\` a 3xx status between 300 and 399
(302 when omitted). 1xx statuses cannot end a request.

Incorrect:

\`\`\`fw
on request_headers when request.path == "/old" redirect 200 "/new"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path == "/old" redirect 301 "/new"
\`\`\`
`,
  },
  E0410: {
    title: "unknown log level",
    explanation: `\`log LEVEL "message"\` writes to Envoy's log at one of its levels: \`trace\`, \`debug\`, \`info\`, \`warn\`,
\`error\` or \`critical\`.

Incorrect:

\`\`\`fw
on request_headers log warning "legacy client"
\`\`\`

Correct:

\`\`\`fw
on request_headers log warn "legacy client"
\`\`\`
`,
  },
  E0411: {
    title: "empty query parameter name",
    explanation: `\`set query "name" = VALUE\` and \`remove query "name"\` edit the parameter called \`name\` in the request's
query string. The name is fixed when the rules are compiled and cannot be empty: an empty name would append a
bare \`=value\` or match only the stray \`=...\` segments no client means to send.

Incorrect:

\`\`\`fw
on request_headers remove query ""
\`\`\`

Correct:

\`\`\`fw
on request_headers remove query "utm_source"
\`\`\`
`,
  },
};
