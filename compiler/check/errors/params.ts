import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** Param declarations: unique, not shadowing a builtin name, with a literal default. */

export function duplicateParam(span: Span, name: string, first: Span): Diagnostic {
  return {
    ...error("E0210", span, `param \`${name}\` is declared twice`, "rename one of them or remove the second"),
    related: [{ span: first, message: "first declared here" }],
  };
}

export function reservedParamName(span: Span, name: string, why: "field" | "builtin"): Diagnostic {
  const message =
    why === "field"
      ? `a param cannot be named \`${name}\`: it is the start of field names like \`${name}.${exampleField(name)}\``
      : `a param cannot be named \`${name}\`: the language already uses that name`;
  return error("E0211", span, message, `choose another name, e.g. \`${name}_value\``);
}

function exampleField(root: string): string {
  return { request: "path", response: "status", source: "address", destination: "port", connection: "mtls" }[root] ?? "name";
}

export function paramNotLiteral(span: Span, name: string, interpolates: boolean): Diagnostic {
  return interpolates
    ? error("E0212", span, `the value of param \`${name}\` cannot interpolate \`\${...}\``, "params are constants: write the text out in full")
    : error(
        "E0212",
        span,
        `the value of param \`${name}\` must be a literal`,
        'write a string, an integer, true or false, or a list of strings such as ["a", "b"]',
      );
}

export function listItemNotString(span: Span, item: string): Diagnostic {
  return error("E0213", span, `list items must be string literals, but ${item} is not one`, 'write each item in quotes, as in ["GET", "HEAD"]');
}

export const PARAM_DOCS: Record<string, CodeDoc> = {
  E0210: {
    title: "duplicate param",
    explanation: `Params are visible in the whole file, so each name can be declared once.

Incorrect:

\`\`\`fw
param limit = 10
param limit = 20
\`\`\`

Correct:

\`\`\`fw
param limit = 20
\`\`\`
`,
  },
  E0211: {
    title: "reserved param name",
    explanation: `A param cannot take a name the language already uses: the field roots \`request\`, \`response\`,
\`source\`, \`destination\` and \`connection\`, the functions (\`exists\`, \`lower\`, \`size\` and the others in
docs/language.md, "Functions"), and \`true\` and \`false\`.

Incorrect:

\`\`\`fw
param source = "10.0.0.0/8"
\`\`\`

Correct:

\`\`\`fw
param trusted_source = "10.0.0.0/8"
\`\`\`
`,
  },
  E0212: {
    title: "param value is not a literal",
    explanation: `A param's value is a constant known when the rules are compiled: a string, an integer, \`true\`,
\`false\` or a list of strings. It cannot read a field, use another param or interpolate \`\${...}\`.

Incorrect:

\`\`\`fw
param home = "https://\${request.host}/"
\`\`\`

Correct:

\`\`\`fw
param home = "https://example.com/"
\`\`\`
`,
  },
  E0213: {
    title: "list item is not a string literal",
    explanation: `Lists (after \`in\`, or as a param value) hold string literals only.

Incorrect:

\`\`\`fw
on request_headers when request.method in ["GET", 1] deny 405
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.method in ["GET", "HEAD"] deny 405
\`\`\`
`,
  },
};
