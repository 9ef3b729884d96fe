import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { ValueType } from "../../fields.js";
import { withArticle } from "../describe.js";

/** Errors of `contains any`, `starts_with any` and `ends_with any` (compiler/check/any-list.ts). */

/** `text` is the right operand as written, unquoted, for the hint's example. */
export function anyNeedsList(span: Span, op: string, text: string, type: ValueType): Diagnostic {
  const single = op.replace(/ any$/, "");
  const hint =
    type === "string"
      ? `for one value write \`${single} ${text}\`; for several, a list param or a list such as \`${op} ["a", "b"]\``
      : `write a list param or a list of strings such as \`${op} ["a", "b"]\``;
  return error("E0255", span, `\`${op}\` tests every item of a list, but \`${text}\` is ${withArticle(type)}, not a list`, hint);
}

export const ANY_LIST_DOCS: Record<string, CodeDoc> = {
  E0255: {
    title: "`any` needs a list",
    explanation: `\`contains any\`, \`starts_with any\` and \`ends_with any\` are true when the value contains, starts with
or ends with at least one item of a list. The right side must be a list param (which the plugin configuration can
change at runtime) or a list of string literals. One string is not a list: test it with \`contains\`.

Incorrect:

\`\`\`fw
param bot = "curl/"
on request_headers when request.header["user-agent"] contains any bot deny 403
\`\`\`

Correct:

\`\`\`fw
param bots = ["curl/", "python-requests/", "Go-http-client/"]
on request_headers when request.header["user-agent"] contains any bots deny 403
\`\`\`
`,
  },
};
