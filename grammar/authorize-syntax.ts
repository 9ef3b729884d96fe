import type { Span } from "./ast.js";
import { error, type CodeDoc, type Diagnostic } from "./diagnostic.js";
import { MAX_CALLOUT_TIMEOUT_MS } from "./global-limit-syntax.js";

/**
 * The syntax of external authorization, `authorize with "CLUSTER" [grpc] [timeout 200ms] [on failure allow|deny]
 * [send headers [...]] [path EXPR] [copy headers [...]]` (docs/language.md, "External authorization"): codes
 * E0160-E0165.
 */

const FORM = 'authorize with "CLUSTER" [grpc] [timeout 200ms] [on failure allow|deny] [send headers ["authorization"]] [path EXPR] [copy headers ["x-user-id"]]';

/** A header name as HTTP/2 and Envoy's header maps hold it: a lowercase token (RFC 9110 tchar, no upper case). */
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

export function isLowercaseHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/** `authorize with ""`. */
export function authorizeEmptyCluster(span: Span): Diagnostic {
  return error("E0160", span, "the cluster of `authorize with` is empty", `name the Envoy cluster of the authorization service: ${FORM}`);
}

/** `timeout 200`, `timeout 0ms`, `timeout 2min`. */
export function authorizeBadTimeout(span: Span, written: string, why: string): Diagnostic {
  return error("E0161", span, `the timeout \`${written}\` of \`authorize\` ${why}`, `write a duration from 1ms to ${MAX_CALLOUT_TIMEOUT_MS / 1000}s, e.g. \`timeout 200ms\` or \`timeout 1s\``);
}

/** `on failure` without `allow` or `deny`. */
export function authorizeBadFailureChoice(span: Span, written: string | undefined): Diagnostic {
  const what = written === undefined ? "expected `allow` or `deny` after `on failure`" : `expected \`allow\` or \`deny\` after \`on failure\`, found \`${written}\``;
  return error("E0162", span, what, "`on failure deny` answers 403 when the service fails or is late (the default); `on failure allow` lets the request through");
}

/** `send headers [h]` where an item is not a plain string. */
export function headerNameNotLiteral(span: Span, clause: string): Diagnostic {
  return error("E0163", span, `the headers of \`${clause} headers\` must be written as strings`, `list the names, e.g. \`${clause} headers ["authorization", "cookie"]\`: the filter is built with them`);
}

/** `send headers ["Authorization"]`, `copy headers [":path"]`. */
export function badHeaderName(span: Span, name: string, clause: string): Diagnostic {
  const lower = name.toLowerCase();
  const hint = lower !== name && isLowercaseHeaderName(lower) ? `write it in lower case: "${lower}"` : "a header name is a lowercase token: letters, digits and !#$%&'*+-.^_`|~ (pseudo-headers such as `:path` cannot be listed)";
  return error("E0164", span, `\`${name}\` is not a header name \`${clause} headers\` can take`, hint);
}

/** `send [..]` / `copy [..]` without `headers`. */
export function headersWordMissing(span: Span, clause: string): Diagnostic {
  return error("E0165", span, `expected \`headers\` after \`${clause}\``, `write \`${clause} headers ["name", ...]\``);
}

export const AUTHORIZE_SYNTAX_CODES: Readonly<Record<string, CodeDoc>> = {
  E0160: {
    title: "empty cluster of `authorize with`",
    explanation: `\`authorize with "CLUSTER"\` names the Envoy cluster of the authorization service the request is
checked with.

Incorrect:

    rule "auth" on request_headers authorize with ""

Correct:

    rule "auth" on request_headers authorize with "ext-authz"`,
  },
  E0161: {
    title: "bad `timeout` of `authorize`",
    explanation: `How long a request waits for the authorization service: a whole number with \`ms\` or \`s\`, from
1ms to ${MAX_CALLOUT_TIMEOUT_MS / 1000}s. Without it the wait is 200ms, as Envoy's ext_authz filter's.

Incorrect:

    rule "auth" on request_headers authorize with "ext-authz" timeout 200

Correct:

    rule "auth" on request_headers authorize with "ext-authz" timeout 200ms`,
  },
  E0162: {
    title: "`on failure` of `authorize` without `allow` or `deny`",
    explanation: `What \`authorize\` does when the service fails, answers 5xx or does not answer in time: \`deny\` (the
default, as Envoy's ext_authz filter with \`failure_mode_allow: false\`) answers 403; \`allow\` lets the request through.

Incorrect:

    rule "auth" on request_headers authorize with "ext-authz" on failure open

Correct:

    rule "auth" on request_headers authorize with "ext-authz" on failure allow`,
  },
  E0163: {
    title: "a header of `send headers` / `copy headers` that is not a string",
    explanation: `The header lists of \`authorize\` are fixed when the filter is built: write each name as a string.

Incorrect:

    rule "auth" on request_headers authorize with "ext-authz" send headers [request.header["x-which"]]

Correct:

    rule "auth" on request_headers authorize with "ext-authz" send headers ["authorization", "cookie"]`,
  },
  E0164: {
    title: "not a header name",
    explanation: `Names in \`send headers\` and \`copy headers\` are compared with the names in the proxy's header maps,
which are lower case: a name is a lowercase token. Pseudo-headers (\`:path\`, \`:method\`) cannot be listed: the
call carries the method, path and host on its own.

Incorrect:

    rule "auth" on request_headers authorize with "ext-authz" send headers ["Authorization"]

Correct:

    rule "auth" on request_headers authorize with "ext-authz" send headers ["authorization"]`,
  },
  E0165: {
    title: "`send` or `copy` without `headers`",
    explanation: `The clauses are \`send headers [...]\` and \`copy headers [...]\`.

Incorrect:

    rule "auth" on request_headers authorize with "ext-authz" copy ["x-user-id"]

Correct:

    rule "auth" on request_headers authorize with "ext-authz" copy headers ["x-user-id"]`,
  },
};
