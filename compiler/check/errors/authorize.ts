import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/**
 * Where `authorize` (docs/language.md, "External authorization") may stand and which clauses go together: codes
 * E0286-E0289 and E0291.
 */

export function authorizePhase(span: Span, phase: string): Diagnostic {
  return error("E0286", span, `\`authorize\` cannot be used \`on ${phase}\`: it asks the authorization service before the request goes upstream`, 'put it in a rule `on request_headers`: `rule "auth" on request_headers authorize with "ext-authz"`');
}

export function authorizeNotLast(span: Span): Diagnostic {
  return error("E0287", span, "`authorize` must be the last action of its rule or branch: the request waits for the service's answer there", "move the actions after it into a rule of their own after this one: rules after `authorize` run once the service allows the request");
}

export function letBeforeAuthorize(span: Span, name: string, where: string): Diagnostic {
  return error("E0288", span, `\`let ${name}\` comes before ${where}: its value would not survive the wait for the service`, "move the `let` after the rule with `authorize`, or compute the value in a later rule");
}

export function authorizePathNotString(span: Span, type: string): Diagnostic {
  return error("E0289", span, `the \`path\` of \`authorize\` must be a string, not ${type}`, 'write a path, e.g. `path "/check${request.path}"`');
}

export function authorizeClauseWithGrpc(span: Span, clause: string): Diagnostic {
  return error("E0291", span, `\`${clause}\` does not go with \`grpc\`: a gRPC authorization service gets the request's own path and decides the headers in its answer`, `leave \`${clause}\` out, or drop \`grpc\` to call the service over HTTP`);
}

const EXAMPLE = 'rule "auth" on request_headers authorize with "ext-authz" send headers ["authorization"]';

export const AUTHORIZE_DOCS: Record<string, CodeDoc> = {
  E0286: {
    title: "`authorize` outside `on request_headers`",
    explanation: `\`authorize\` pauses the request while the authorization service decides, and goes on or answers the
client from its answer: it belongs to the request headers, before anything goes upstream.

Incorrect:

\`\`\`fw
rule "auth" on request_body authorize with "ext-authz"
\`\`\`

Correct:

\`\`\`fw
${EXAMPLE}
\`\`\`
`,
  },
  E0287: {
    title: "actions after `authorize` in its rule",
    explanation: `The request waits at \`authorize\` for the service's answer; the rules after its rule run once the
answer allows the request. Actions after it in the same rule or branch would have nowhere to run.

Incorrect:

\`\`\`fw
rule "auth" on request_headers { authorize with "ext-authz"; set "x-checked" = "yes" }
\`\`\`

Correct:

\`\`\`fw
rule "auth" on request_headers authorize with "ext-authz"
rule "mark" on request_headers set "x-checked" = "yes"
\`\`\`
`,
  },
  E0288: {
    title: "`let` before `authorize`",
    explanation: `A variable set before \`authorize\` in the request headers phase would have to be kept while the
request waits for the authorization service. Set it after the rule with \`authorize\` instead.

Incorrect:

\`\`\`fw
rule "who" on request_headers { let user = request.header["x-user"]; set "x-u" = user }
${EXAMPLE}
\`\`\`

Correct:

\`\`\`fw
${EXAMPLE}
rule "who" on request_headers { let user = request.header["x-user"]; set "x-u" = user }
\`\`\`
`,
  },
  E0289: {
    title: "a `path` of `authorize` that is not a string",
    explanation: `\`path EXPR\` is the path the HTTP call to the authorization service goes to: a string.

Incorrect:

\`\`\`fw
rule "auth" on request_headers authorize with "ext-authz" path request.port
\`\`\`

Correct:

\`\`\`fw
rule "auth" on request_headers authorize with "ext-authz" path "/authz\${request.path}"
\`\`\`
`,
  },
  E0291: {
    title: "`path` or `copy headers` with `grpc`",
    explanation: `In gRPC mode the service gets a CheckRequest with the request's own path, and its answer says which
headers to set, append or remove (\`ok_response\`): \`path\` and \`copy headers\` are for HTTP mode only.

Incorrect:

\`\`\`fw
rule "auth" on request_headers authorize with "ext-authz" grpc copy headers ["x-user-id"]
\`\`\`

Correct:

\`\`\`fw
rule "auth" on request_headers authorize with "ext-authz" grpc
\`\`\`
`,
  },
};
