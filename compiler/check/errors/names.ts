import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { FunctionDefinition } from "../../functions/definition.js";

/** Names that do not resolve: phases, params, fields, keys of fields, functions. */

export function unknownPhase(span: Span, name: string, hint: string): Diagnostic {
  return error("E0201", span, `unknown phase \`${name}\``, hint);
}

export function unknownParam(span: Span, name: string, hint: string | undefined): Diagnostic {
  return error("E0202", span, `unknown name \`${name}\`: no param with this name is declared`, hint);
}

export function unknownField(span: Span, name: string, hint: string | undefined): Diagnostic {
  return error("E0203", span, `unknown field \`${name}\``, hint);
}

export function missingKey(span: Span, field: string, example: string): Diagnostic {
  return error("E0204", span, `\`${field}\` needs a key saying which one to read`, `write \`${field}["${example}"]\``);
}

export function unexpectedKey(span: Span, name: string, kind: "param" | "variable" | "field"): Diagnostic {
  const what = `${kind} \`${name}\``;
  return error("E0205", span, `${what} takes no key`, `remove the \`[...]\` after \`${name}\``);
}

export function keyNotConstant(span: Span, field: string): Diagnostic {
  return error(
    "E0206",
    span,
    `the key of \`${field}\` must be a string literal`,
    "keys are fixed when the rules are compiled: write the name in quotes, without `${...}`",
  );
}

export function emptyKey(span: Span, field: string): Diagnostic {
  return error("E0206", span, `the key of \`${field}\` is empty`, `write the name to read, e.g. \`${field}["page"]\``);
}

/** `hint` says which function was meant, or lists them all. */
export function unknownFunction(span: Span, name: string, hint: string): Diagnostic {
  return error("E0207", span, `unknown function \`${name}\``, hint);
}

export function wrongArgumentCount(span: Span, definition: FunctionDefinition, given: number): Diagnostic {
  const required = definition.parameters.filter((parameter) => parameter.optional !== true).length;
  const most = definition.parameters.length;
  const takes = required === most ? `${most} argument${most === 1 ? "" : "s"}` : `${required} to ${most} arguments`;
  const was = given === 0 ? "none was" : given === 1 ? "1 was" : `${given} were`;
  const hint =
    given > most && most === 1 ? `call \`${definition.name}\` once per value and combine the results, e.g. with \`and\`` : `write \`${definition.synopsis}\``;
  return error("E0208", span, `\`${definition.name}\` takes ${takes}, but ${was} given`, hint);
}

export function existsNeedsField(span: Span, what: string, isParam: boolean): Diagnostic {
  return error(
    "E0209",
    span,
    `\`exists\` tests a field, but ${what} is ${isParam ? "a param" : "not a field"}`,
    isParam ? "a param always has a value; test it directly or compare it" : "write a field such as `exists(request.header[\"x-id\"])`",
  );
}

export const NAME_DOCS: Record<string, CodeDoc> = {
  E0201: {
    title: "unknown phase",
    explanation: `A rule starts with \`on PHASE\`, and the phase says when it runs. There are three phases:
\`request_headers\` (before the request goes upstream), \`response_headers\` (when the upstream answers) and
\`local_reply\` (on each reply the filter sends itself).

Incorrect:

\`\`\`fw
on response_header set "x-frame-options" = "DENY"
\`\`\`

Correct:

\`\`\`fw
on response_headers set "x-frame-options" = "DENY"
\`\`\`
`,
  },
  E0202: {
    title: "unknown param",
    explanation: `A name without dots, such as \`strict\`, refers to a param declared with \`param NAME = VALUE\`
somewhere in the file (params are visible everywhere, before or after their declaration), or to a variable set
with \`let NAME = EXPR\` (docs/language.md, Variables). This name is neither. Fields always have a dot:
\`request.path\`, not \`path\`.

Incorrect:

\`\`\`fw
param strict = true
on request_headers when strcit deny 403
\`\`\`

Correct:

\`\`\`fw
param strict = true
on request_headers when strict deny 403
\`\`\`
`,
  },
  E0203: {
    title: "unknown field",
    explanation: `A dotted name such as \`request.path\` reads a field of the request, the response or the connection.
The fields are \`request.method\`, \`request.path\`, \`request.host\`, \`request.scheme\`, \`request.id\`,
\`request.header["NAME"]\`, \`request.query["NAME"]\`, \`request.cookie["NAME"]\`, \`response.status\`,
\`response.header["NAME"]\`, \`source.address\`, \`source.principal\`, \`destination.port\` and \`connection.mtls\`.

Incorrect:

\`\`\`fw
on request_headers when request.url starts_with "/admin" deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path starts_with "/admin" deny 403
\`\`\`
`,
  },
  E0204: {
    title: "field needs a key",
    explanation: `\`request.header\`, \`response.header\`, \`request.query\` and \`request.cookie\` hold many values;
a key in brackets says which one to read.

Incorrect:

\`\`\`fw
on request_headers when request.header == "secret" deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.header["x-api-key"] == "secret" deny 403
\`\`\`
`,
  },
  E0205: {
    title: "key on a field or param that has none",
    explanation: `Only \`request.header\`, \`response.header\`, \`request.query\` and \`request.cookie\` take a key.
Other fields and all params hold a single value.

Incorrect:

\`\`\`fw
on request_headers when request.path["v1"] == "/" deny 404
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path == "/v1" deny 404
\`\`\`
`,
  },
  E0206: {
    title: "key must be a non-empty string literal",
    explanation: `The key of a keyed field is fixed when the rules are compiled, so it must be a non-empty string
literal: no params, no \`\${...}\`.

Incorrect:

\`\`\`fw
param name = "x-tenant"
on request_headers when request.header[name] == "acme" deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.header["x-tenant"] == "acme" deny 403
\`\`\`
`,
  },
  E0207: {
    title: "unknown function",
    explanation: `The name before \`(\` is not one of the builtin functions. The functions and what they return are
listed in docs/language.md, "Functions"; for example \`exists(FIELD)\` is true when the field is present and
\`lower(TEXT)\` is the text in lower case.

Incorrect:

\`\`\`fw
on request_headers when lowercase(request.path) == "/admin" deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when lower(request.path) == "/admin" deny 403
\`\`\`
`,
  },
  E0208: {
    title: "wrong number of arguments",
    explanation: `Each function takes a fixed number of arguments (some have optional trailing ones), as docs/language.md,
"Functions", lists them: \`exists\` and \`lower\` each take exactly one.

Incorrect:

\`\`\`fw
on request_headers when exists(request.header["a"], request.header["b"]) deny 400
\`\`\`

Correct:

\`\`\`fw
on request_headers when exists(request.header["a"]) and exists(request.header["b"]) deny 400
\`\`\`
`,
  },
  E0209: {
    title: "`exists` needs a field",
    explanation: `\`exists(x)\` asks whether a field that may be absent, such as a header, is present. Its argument must
be a field; a param always has a value and other expressions are never absent.

Incorrect:

\`\`\`fw
on request_headers when not exists(lower(request.header["authorization"])) deny 401
\`\`\`

Correct:

\`\`\`fw
on request_headers when not exists(request.header["authorization"]) deny 401
\`\`\`
`,
  },
};
