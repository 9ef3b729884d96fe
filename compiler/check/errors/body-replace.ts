import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import type { Phase } from "../../phases.js";

/** `replace "text" with EXPR` and `replace matches "regex" with EXPR` (docs/language.md, "Replacing in a body"). */

export function replaceOutsideBody(span: Span, phase: Phase): Diagnostic {
  return error(
    "E0272",
    span,
    `\`replace\` cannot be used in \`on ${phase}\`: it changes a body, and only a body phase holds one`,
    "replace in `on request_body` (the request body) or `on response_body` (the response body); to change a header value, use `set` with the `replace(...)` function",
  );
}

export function emptyReplaceText(span: Span): Diagnostic {
  return error(
    "E0273",
    span,
    "`replace` needs a text to look for: an empty text would be found between every two bytes",
    'write the text to replace, e.g. replace "secret" with "***"; to insert between every byte, use `replace matches "" with ...`',
  );
}

export const BODY_REPLACE_DOCS: Record<string, CodeDoc> = {
  E0272: {
    title: "`replace` outside a body phase",
    explanation: `\`replace "text" with EXPR\` and \`replace matches "regex" with EXPR\` change a body: the request body in a
rule \`on request_body\`, the response body in a rule \`on response_body\`. Only those phases hold a body; a headers
phase runs before the body arrives. To change a header's value, \`set\` it with the \`replace(...)\` function.

Incorrect:

\`\`\`fw
on response_headers replace "internal.example.com" with "www.example.com"
\`\`\`

Correct:

\`\`\`fw
on response_body replace "internal.example.com" with "www.example.com"
on response_headers set "location" = replace(response.header["location"], "internal.example.com", "www.example.com")
\`\`\`
`,
  },
  E0273: {
    title: "`replace` of an empty text",
    explanation: `The text after \`replace\` is what to look for in the body; an empty text would be found between
every two bytes. Write the text to replace. To insert a value between every byte on purpose, say so with a
pattern: \`replace matches "" with ...\` (an empty match at every position, as JavaScript's \`replaceAll\`).

Incorrect:

\`\`\`fw
on response_body replace "" with "-"
\`\`\`

Correct:

\`\`\`fw
on response_body replace "password=hunter2" with "password=***"
\`\`\`
`,
  },
};
