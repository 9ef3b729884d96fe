import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { Phase } from "../../phases.js";

/** `on local_reply`: what its rules may not do. */

export function localReplyNotInPhase(span: Span, action: string, phase: Phase): Diagnostic {
  return error(
    "E0242",
    span,
    `\`${action}\` cannot be used in \`on ${phase}\`: its rules run while the filter is already sending a local reply`,
    "change the reply's headers with `set`, `add`, `set_default`, `remove` or `rename`; to answer differently, change the rule that sends the reply",
  );
}

export const LOCAL_REPLY_DOCS: Record<string, CodeDoc> = {
  E0242: {
    title: "local reply from `on local_reply`",
    explanation: `Rules \`on local_reply\` run on every local reply the filter sends (\`deny\`, \`respond\`, \`redirect\`), just
before it is sent, and change its headers. They cannot send a reply of their own: \`deny\`, \`respond\` and
\`redirect\` there would answer a reply with another one.

Incorrect:

\`\`\`fw
on local_reply when request.path starts_with "/api" respond 500 "error"
\`\`\`

Correct:

\`\`\`fw
on local_reply set "access-control-allow-origin" = "*"
on request_headers when request.header["x-token"] == "" deny 401
\`\`\`
`,
  },
};
