import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { Phase } from "../../phases.js";

/** Body phases (`on request_body`, `on response_body`): what their rules may not do, and why. */

export function replyInResponseBody(span: Span, action: string, phase: Phase): Diagnostic {
  return error(
    "E0270",
    span,
    `\`${action}\` cannot be used in \`on ${phase}\`: the response headers may already have gone downstream, so no local reply can replace the response`,
    "decide on the response headers instead (`on response_headers ... respond 502`), or only `log` in the body rule",
  );
}

export function headerChangeInBody(span: Span, action: string, phase: Phase, side: string): Diagnostic {
  return error(
    "E0271",
    span,
    `\`${action}\` cannot be used in \`on ${phase}\`: the ${side} headers have already been passed on when its body arrives`,
    `change ${side} headers in a rule \`on ${side}_headers\`; a body rule can \`log\`, \`count\`, \`observe\` and \`let\`${side === "request" ? ", and `deny`, `respond` or `redirect`" : ""}`,
  );
}

export const BODY_DOCS: Record<string, CodeDoc> = {
  E0270: {
    title: "local reply in `on response_body`",
    explanation: `A rule \`on response_body\` runs once the whole response body has arrived. By then the response
headers have usually been sent to the client already (a filter can only hold them with Envoy's
\`allow_on_headers_stop_iteration\`, which filterc does not use): a \`deny\`, \`respond\` or \`redirect\` could not
replace the response, only reset the stream. Answer on the response headers instead, or only log.

Incorrect:

\`\`\`fw
on response_body when response.body contains "stack trace" respond 502 "bad gateway"
\`\`\`

Correct:

\`\`\`fw
on response_body when response.body contains "stack trace" log error "leaked a stack trace"
on response_headers when response.status >= 500 respond 502 "bad gateway"
\`\`\`
`,
  },
  E0271: {
    title: "header change in a body phase",
    explanation: `A body phase's rules run when the body has arrived, after the filter let that side's headers go on
(to the upstream for a request, to the client for a response): \`set\`, \`add\`, \`remove\`, \`rename\`, path
rewrites and query changes could no longer reach anyone. Change headers in the headers phase; a body rule can
\`log\`, \`count\`, \`observe\`, \`let\` and \`stop\`, and in \`on request_body\` \`deny\`, \`respond\` or \`redirect\` (the body
is held until the rules decide).

Incorrect:

\`\`\`fw
on request_body when request.body contains "debug" set "x-debug" = "1"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.query["debug"] == "1" set "x-debug" = "1"
on request_body when request.body contains "debug" log info "debug body"
\`\`\`
`,
  },
};
