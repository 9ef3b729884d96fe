import type { Span } from "../../../grammar/ast.js";
import { error, warning, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** Request-scoped variables (`let NAME = EXPR`): read after they can be set, one type, one namespace with params. */

export function variableReadTooEarly(span: Span, name: string, setAt: readonly Span[], why: string): Diagnostic {
  return {
    ...error("E0275", span, `variable \`${name}\` is read before any rule that sets it can have run`, why),
    related: setAt.map((at) => ({ span: at, message: `\`${name}\` is set here` })),
  };
}

export function variableTypeClash(span: Span, name: string, type: string, first: Span, firstType: string): Diagnostic {
  return {
    ...error("E0276", span, `variable \`${name}\` is set to ${article(type)} here but to ${article(firstType)} before`, `a variable has one type: use another name for the ${type}`),
    related: [{ span: first, message: `\`${name}\` is set to ${article(firstType)} here` }],
  };
}

function article(type: string): string {
  return `${type === "int" ? "an" : "a"} ${type}`;
}

export function variableNameTaken(span: Span, name: string, param: Span | undefined): Diagnostic {
  if (param !== undefined) {
    return {
      ...error("E0277", span, `variable \`${name}\` has the name of a param`, `params and variables share one namespace: rename the variable, e.g. \`${name}_value\``),
      related: [{ span: param, message: `param \`${name}\` is declared here` }],
    };
  }
  return error("E0277", span, `a variable cannot be named \`${name}\`: the language already uses that name`, `choose another name, e.g. \`${name}_value\``);
}

export function variableNotScalar(span: Span, name: string): Diagnostic {
  return error("E0278", span, `variable \`${name}\` cannot hold a list`, "a variable holds a string, an int or a bool; test the list where it is needed: `when x in LIST`");
}

export function variableNeverRead(span: Span, name: string): Diagnostic {
  return warning("W0420", span, `variable \`${name}\` is set but never read`, "read it in a later action or rule, or remove the `let`");
}

export const VARIABLE_DOCS: Record<string, CodeDoc> = {
  E0275: {
    title: "variable read before it can be set",
    explanation: `A variable (\`let NAME = EXPR\`) is visible to the later actions of its rule and to the rules that run after
it: later rules of its phase, and the rules of later phases (\`request_headers\`, then \`response_headers\`; \`on
local_reply\` rules see what the rules before the reply set). A read that no \`let\` of the variable can precede is
an error, with the places where it is set. A \`let\` in one branch of a rule is not visible in the rule's other
branches, nor in its own condition.

Incorrect:

\`\`\`fw
on request_headers set "x-tenant" = tenant
on request_headers let tenant = request.header["x-tenant"]
\`\`\`

Correct:

\`\`\`fw
on request_headers let tenant = request.header["x-tenant"]
on request_headers set "x-tenant" = tenant
\`\`\`

A variable whose \`let\` did not run (its rule's condition was false) is absent, like a missing header.
`,
  },
  E0276: {
    title: "variable set to values of two types",
    explanation: `A variable has one type, the type of the value of its first \`let\` (in the order rules run). A later
\`let\` of it must give a value of the same type.

Incorrect:

\`\`\`fw
on request_headers let tier = "gold"
on request_headers when request.path starts_with "/free/" let tier = 0
on response_headers set "x-tier" = "\${tier}"
\`\`\`

Correct:

\`\`\`fw
on request_headers let tier = "gold"
on request_headers when request.path starts_with "/free/" let tier = "free"
on response_headers set "x-tier" = "\${tier}"
\`\`\`
`,
  },
  E0277: {
    title: "variable name taken",
    explanation: `Variables are read by their bare name, as params are, so a variable cannot take the name of a param (the
error names both places), nor a name the language uses: the field roots (\`request\`, \`response\`, \`source\`,
\`client\`, \`destination\`, \`connection\`), the functions, \`match\`, \`true\` and \`false\`.

Incorrect:

\`\`\`fw
param tenant = "default"
on request_headers let tenant = request.header["x-tenant"]
on request_headers set "x-tenant" = tenant
\`\`\`

Correct:

\`\`\`fw
param default_tenant = "default"
on request_headers let tenant = request.header["x-tenant"]
on request_headers set "x-tenant" = tenant
\`\`\`
`,
  },
  E0278: {
    title: "variable holding a list",
    explanation: `A variable holds one value of a request: a string, an int or a bool. A list is a param's (tuned through
the plugin configuration) or written in place.

Incorrect:

\`\`\`fw
param admins = ["alice", "bob"]
on request_headers let who = admins
\`\`\`

Correct:

\`\`\`fw
param admins = ["alice", "bob"]
on request_headers let is_admin = request.header["x-user"] in admins
on request_headers when is_admin set "x-admin" = "1"
\`\`\`
`,
  },
  W0420: {
    title: "variable never read",
    explanation: `No action or rule reads the variable, so its \`let\` computes a value for nothing. Often the reading
rule misspells it (then that rule has an "unknown name" error too) or was removed.

Incorrect:

\`\`\`fw
on request_headers let tenant = split_first(request.hostname, ".")
on request_headers set "x-tenant" = split_first(request.hostname, ".")
\`\`\`

Correct:

\`\`\`fw
on request_headers let tenant = split_first(request.hostname, ".")
on request_headers set "x-tenant" = tenant
\`\`\`
`,
  },
};
