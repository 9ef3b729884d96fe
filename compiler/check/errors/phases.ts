import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import { phaseDefinition, type Phase } from "../../phases.js";

/** Things that exist only in some phases: response fields, path rewrites and query edits. */

export function fieldNotInPhase(span: Span, field: string, phase: Phase, allowed: readonly Phase[]): Diagnostic {
  // A body is read only in its own body phase; response headers are not kept for the response body.
  const hint = field.endsWith(".body")
    ? `\`${field}\` is read in its own phase only: move this rule to \`on ${allowed[0]}\``
    : phaseDefinition(phase).body !== undefined && field.startsWith("response.")
    ? `Envoy does not keep the response headers for the body callbacks: test them in a rule \`on ${allowed[0] ?? "response_headers"}\``
    : field.startsWith("response.")
    ? `response fields exist only once the upstream has answered: move this rule to \`on response_headers\``
    : `move this rule to \`on ${allowed[0] ?? "request_headers"}\``;
  return error("E0214", span, `\`${field}\` cannot be read in \`on ${phase}\``, hint);
}

export function actionNotInPhase(span: Span, action: string, phase: Phase): Diagnostic {
  return error(
    "E0215",
    span,
    `\`${action}\` cannot be used in \`on ${phase}\``,
    "the request has already gone upstream by then: move this action to a rule `on request_headers`",
  );
}

export const PHASE_DOCS: Record<string, CodeDoc> = {
  E0214: {
    title: "field not available in this phase",
    explanation: `A rule \`on request_headers\` runs before the request goes upstream, so nothing about the response
exists yet: \`response.status\` and \`response.header[...]\` can be read only \`on response_headers\`. Request fields
can be read in both phases (the filter keeps them).

Incorrect:

\`\`\`fw
on request_headers when response.status == 503 set "retry-after" = "5"
\`\`\`

Correct:

\`\`\`fw
on response_headers when response.status == 503 set "retry-after" = "5"
\`\`\`
`,
  },
  E0215: {
    title: "action not available in this phase",
    explanation: `\`rewrite path\`, \`rewrite prefix\`, \`set query\` and \`remove query\` change the path the upstream sees,
so they only make sense \`on request_headers\`; by \`on response_headers\` the request has been sent.

Incorrect:

\`\`\`fw
on response_headers rewrite prefix "/v1/" to "/"
\`\`\`

Correct:

\`\`\`fw
on request_headers rewrite prefix "/v1/" to "/"
\`\`\`
`,
  },
};
