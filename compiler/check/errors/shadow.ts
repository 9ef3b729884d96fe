import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { Phase } from "../../phases.js";

/** `rule "name" shadow on ...`: where shadow mode does not apply. */

export function shadowNotInPhase(span: Span, phase: Phase): Diagnostic {
  return error(
    "E0285",
    span,
    `a rule \`on ${phase}\` cannot be shadowed: it runs on the filter's own local replies, which a shadowed rule does not send`,
    "shadow the rule that sends the reply (`deny`, `respond`, `redirect`) instead",
  );
}

export const SHADOW_DOCS: Record<string, CodeDoc> = {
  E0285: {
    title: "shadow rule `on local_reply`",
    explanation: `A shadow rule (\`rule "NAME" shadow on ...\`) is evaluated and reports what it would have done instead of
doing it (docs/language.md, "Shadow mode: rolling out a rule"). Shadow mode is for the rules that act on traffic,
\`on request_headers\` and \`on response_headers\`. Rules \`on local_reply\` only change the headers of the replies
the filter itself sends: shadow the rule that sends the reply instead, and its reply is not sent.

Incorrect:

\`\`\`fw
rule "cors" shadow on local_reply set "access-control-allow-origin" = "*"
\`\`\`

Correct:

\`\`\`fw
rule "token" shadow on request_headers when request.header["x-token"] == "" deny 401
on local_reply set "access-control-allow-origin" = "*"
\`\`\`
`,
  },
};
