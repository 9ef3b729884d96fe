import type { Span } from "../../../grammar/ast.js";
import type { FunctionDefinition } from "../../functions/definition.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { ValueType } from "../../fields.js";
import { withArticle } from "../describe.js";

/**
 * Type errors. `what` arguments are already quoted for the message (`\`request.path\`` or "this string"), so each
 * constructor reads like the sentence it produces.
 */

/** `examples` are conditions the user may have meant, e.g. `request.path == "..."`. */
export function conditionNotBool(span: Span, what: string, type: ValueType, examples: readonly string[]): Diagnostic {
  const hint =
    examples.length > 0
      ? `write a condition, e.g. ${examples.map((e) => `\`${e}\``).join(" or ")}`
      : type === "list"
        ? "test membership with `in`, e.g. `request.method in [\"GET\"]`"
        : undefined;
  return error("E0216", span, `a condition must be true or false, but ${what} is ${withArticle(type)}`, hint);
}

export function comparisonMismatch(span: Span, left: string, leftType: ValueType, right: string, rightType: ValueType, hint: string | undefined): Diagnostic {
  return error("E0217", span, `cannot compare ${left} (${withArticle(leftType)}) with ${right} (${withArticle(rightType)})`, hint);
}

export function orderingNeedsInts(span: Span, op: string, what: string, type: ValueType): Diagnostic {
  const hint = type === "string" ? "only numbers are ordered; compare text with `==`, `starts_with` or `matches`" : undefined;
  return error("E0218", span, `\`${op}\` compares integers, but ${what} is ${withArticle(type)}`, hint);
}

export function textOperatorNeedsStrings(span: Span, op: string, what: string, type: ValueType): Diagnostic {
  const hint = type === "int" ? "compare numbers with `==`, `<` or `>`" : type === "list" ? "test membership with `in`" : undefined;
  return error("E0219", span, `\`${op}\` works on strings, but ${what} is ${withArticle(type)}`, hint);
}

export function matchesNeedsPattern(span: Span): Diagnostic {
  return error("E0220", span, "the pattern after `matches` must be a string literal", 'write the regular expression in quotes, e.g. `matches "^/v[0-9]+/"`');
}

/** `text` is the left operand as written, unquoted, for the hint's example. */
export function inNeedsString(span: Span, text: string, type: ValueType): Diagnostic {
  const hint = type === "int" ? `compare integers one by one: \`${text} == 80 or ${text} == 443\`` : undefined;
  return error("E0221", span, `\`in\` tests whether a string is in a list, but \`${text}\` is ${withArticle(type)}`, hint);
}

export function inNeedsList(span: Span, what: string): Diagnostic {
  return error("E0222", span, `the right side of \`in\` must be a list, but ${what} is not one`, 'write a list such as `["GET", "HEAD"]` or use a list param');
}

export function logicNeedsBools(span: Span, op: string, what: string, type: ValueType, examples: readonly string[]): Diagnostic {
  const hint = examples.length > 0 ? `write a condition, e.g. ${examples.map((e) => `\`${e}\``).join(" or ")}` : undefined;
  return error("E0223", span, `\`${op}\` combines conditions, but ${what} is ${withArticle(type)}`, hint);
}

export function argumentType(span: Span, definition: FunctionDefinition, index: number, what: string, type: ValueType): Diagnostic {
  const parameter = definition.parameters[index]!;
  const hint =
    definition.name === "lower" && (type === "int" || type === "bool")
      ? "it has no letters to lower-case: compare it directly"
      : parameter.type === "string" && type === "int"
        ? 'interpolate it to make text: "${...}"'
        : undefined;
  const which = definition.parameters.length === 1 ? "" : ` as its \`${parameter.name}\``;
  return error("E0224", span, `\`${definition.name}\` takes ${withArticle(parameter.type)}${which}, but ${what} is ${withArticle(type)}`, hint);
}

export function listNotAllowed(span: Span): Diagnostic {
  return error("E0225", span, "a list can only appear after `in`, after `contains any` (`starts_with any`, `ends_with any`) or as the value of a param", "use the list in a condition such as `request.method in [\"GET\", \"HEAD\"]`");
}

export function interpolationNotScalar(span: Span, what: string, reason: "list" | "operator"): Diagnostic {
  return reason === "list"
    ? error("E0226", span, `cannot interpolate ${what}: it is a list`, "interpolate a field or param that holds one value")
    : error("E0226", span, `cannot interpolate ${what}: \`\${...}\` takes a value, not a condition`, "interpolate a field or param");
}

export const TYPE_DOCS: Record<string, CodeDoc> = {
  E0216: {
    title: "condition is not true or false",
    explanation: `The expression after \`when\` must be a condition: a comparison, a test such as \`exists(...)\`, a bool
field such as \`connection.mtls\` or a bool param.

Incorrect:

\`\`\`fw
on request_headers when request.header["x-debug"] set "x-trace" = "1"
\`\`\`

Correct:

\`\`\`fw
on request_headers when exists(request.header["x-debug"]) set "x-trace" = "1"
\`\`\`
`,
  },
  E0217: {
    title: "comparison of different types",
    explanation: `\`==\` and \`!=\` compare two values of the same type: string with string, int with int, bool with
bool. A quoted number is a string.

Incorrect:

\`\`\`fw
on response_headers when response.status == "500" set "x-failed" = "yes"
\`\`\`

Correct:

\`\`\`fw
on response_headers when response.status == 500 set "x-failed" = "yes"
\`\`\`
`,
  },
  E0218: {
    title: "ordering needs integers",
    explanation: `\`<\`, \`<=\`, \`>\` and \`>=\` compare integers such as \`response.status\` and \`destination.port\`.

Incorrect:

\`\`\`fw
on request_headers when request.header["content-length"] > 1000 deny 413
\`\`\`

Correct:

\`\`\`fw
on response_headers when response.status >= 500 set "x-failed" = "yes"
\`\`\`
`,
  },
  E0219: {
    title: "text operator on a non-string",
    explanation: `\`contains\`, \`starts_with\`, \`ends_with\` and \`matches\` work on strings, on both sides.

Incorrect:

\`\`\`fw
on response_headers when response.status starts_with "5" set "x-failed" = "yes"
\`\`\`

Correct:

\`\`\`fw
on response_headers when response.status >= 500 set "x-failed" = "yes"
\`\`\`
`,
  },
  E0220: {
    title: "`matches` needs a pattern literal",
    explanation: `The regular expression after \`matches\` is compiled with the rules, so it must be written as a string
literal.

Incorrect:

\`\`\`fw
param pattern = "^/v[0-9]+/"
on request_headers when request.path matches pattern deny 404
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path matches "^/v[0-9]+/" deny 404
\`\`\`
`,
  },
  E0221: {
    title: "`in` needs a string on the left",
    explanation: `\`x in [...]\` tests whether the string \`x\` is one of the list's items.

Incorrect:

\`\`\`fw
on request_headers when destination.port in ["8080", "8443"] deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when destination.port == 8080 or destination.port == 8443 deny 403
\`\`\`
`,
  },
  E0222: {
    title: "`in` needs a list on the right",
    explanation: `The right side of \`in\` is a list literal or a param whose value is a list.

Incorrect:

\`\`\`fw
on request_headers when request.method in "GET" deny 405
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.method in ["GET", "HEAD"] deny 405
\`\`\`
`,
  },
  E0223: {
    title: "`and`, `or`, `not` need conditions",
    explanation: `\`and\`, \`or\` and \`not\` combine conditions (true or false), not strings or numbers.

Incorrect:

\`\`\`fw
on request_headers when request.header["x-a"] and request.header["x-b"] deny 400
\`\`\`

Correct:

\`\`\`fw
on request_headers when exists(request.header["x-a"]) and exists(request.header["x-b"]) deny 400
\`\`\`
`,
  },
  E0224: {
    title: "function argument of the wrong type",
    explanation: `Each argument of a function has a type, as docs/language.md, "Functions", lists them. \`lower(x)\`
lower-cases text, so its argument must be a string.

Incorrect:

\`\`\`fw
on response_headers when lower(response.status) == "200" set "x-ok" = "1"
\`\`\`

Correct:

\`\`\`fw
on request_headers when lower(request.header["x-mode"]) == "debug" set "x-debug" = "1"
\`\`\`
`,
  },
  E0225: {
    title: "list in the wrong place",
    explanation: `A list literal can appear only on the right of \`in\` or as the value of a param. Headers, bodies and
comparisons take a single value.

Incorrect:

\`\`\`fw
on response_headers set "vary" = ["origin", "accept"]
\`\`\`

Correct:

\`\`\`fw
on response_headers set "vary" = "origin, accept"
\`\`\`
`,
  },
  E0226: {
    title: "cannot interpolate this",
    explanation: `\`\${...}\` inside a string inserts one value (a field, a param, \`lower(...)\`) as text. A list or a
condition with operators has no single text form.

Incorrect:

\`\`\`fw
on request_headers set "x-admin" = "\${request.path starts_with "/admin"}"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path starts_with "/admin" set "x-admin" = "true"
\`\`\`
`,
  },
};
