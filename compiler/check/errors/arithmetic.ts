import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { ValueType } from "../../fields.js";
import { withArticle } from "../describe.js";

/** Type errors of `+ - * / %` (compiler/check/arithmetic.ts). `what` is already quoted for the message. */

/** E0230: an operand that is not an int. `hint` is the literal's unquoted spelling when that is the likely fix. */
export function arithmeticNeedsInts(span: Span, op: string, what: string, type: ValueType, hint: string | undefined): Diagnostic {
  const fallback =
    type === "bool"
      ? "true and false are not numbers; compute with ints such as `response.status` or `destination.port`"
      : type === "list"
        ? "a list has no number; compute with ints such as `response.status` or `destination.port`"
        : "only ints (`response.status`, `destination.port`, int params and literals) take part in arithmetic";
  return error("E0230", span, `\`${op}\` computes with integers, but ${what} is ${withArticle(type)}`, hint ?? fallback);
}

/** E0231: `+` with a string operand; text is joined by a template, not by `+`. */
export function plusOnStrings(span: Span, template: string): Diagnostic {
  return error("E0231", span, "`+` adds integers and does not join text", `join text with a template: ${template}`);
}

export const ARITHMETIC_DOCS: Record<string, CodeDoc> = {
  E0230: {
    title: "arithmetic needs integers",
    explanation: `\`+\`, \`-\`, \`*\`, \`/\` and \`%\` compute with 64-bit integers: int fields such as \`response.status\` and
\`destination.port\`, int params and integer literals. A quoted number is a string, and a string is not converted.

Incorrect:

\`\`\`fw
on response_headers set "x-class" = "\${response.status / "100"}xx"
\`\`\`

Correct:

\`\`\`fw
on response_headers set "x-class" = "\${response.status / 100}xx"
\`\`\`
`,
  },
  E0231: {
    title: "`+` does not join text",
    explanation: `\`+\` adds integers. Text is joined with a template string, which writes each \`\${...}\` in its place (ints as
their decimal digits, an absent value as nothing).

Incorrect:

\`\`\`fw
on request_headers set "x-route" = request.host + request.path
\`\`\`

Correct:

\`\`\`fw
on request_headers set "x-route" = "\${request.host}\${request.path}"
\`\`\`
`,
  },
};
