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

export function requestChangeInResponseBody(span: Span, action: string, phase: Phase): Diagnostic {
  return error(
    "E0271",
    span,
    `\`${action}\` cannot be used in \`on ${phase}\`: it changes the request, which has gone upstream before the response body arrives`,
    "change the request in a rule `on request_headers` or `on request_body`; a response body rule can change response headers",
  );
}

export const BODY_DOCS: Record<string, CodeDoc> = {
  E0270: {
    title: "local reply in `on response_body`",
    explanation: `A rule \`on response_body\` runs once the whole response body has arrived. By then the response
headers have usually been sent to the client already (a program holds them only while a response body rule
changes response headers, and then only until the body rules have run): a \`deny\`, \`respond\` or \`redirect\` could not
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
    title: "request change in \`on response_body\`",
    explanation: `A rule \`on response_body\` runs when the response body has arrived, long after the request went
upstream: \`rewrite path\`, \`rewrite prefix\`, \`set query\` and \`remove query\` could no longer reach anyone.
Change the request in \`on request_headers\` (or in \`on request_body\`, which holds the request headers until its
rules have run). A response body rule can change response headers: \`set\`, \`add\`, \`remove\` and \`rename\`
hold them until the body rules have run, which needs Envoy's \`allow_on_headers_stop_iteration\` (see
docs/language.md, "Changing headers in a body phase").

Incorrect:

\`\`\`fw
on response_body when response.body contains "debug" rewrite path "/debug"
\`\`\`

Correct:

\`\`\`fw
on response_body when response.body contains "debug" set "x-debug-body" = "1"
on request_headers when request.query["debug"] == "1" rewrite path "/debug"
\`\`\`
`,
  },
};
