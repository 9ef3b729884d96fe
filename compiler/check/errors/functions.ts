import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** Arguments of string functions that must be known at build time (compiler/functions/literal-argument.ts). */

export function searchNeedsLiteral(span: Span, fn: string, parameter: string, what: string): Diagnostic {
  return error(
    "E0260",
    span,
    `the \`${parameter}\` of \`${fn}\` must be a string literal, not ${what}`,
    'write the text to look for in quotes, e.g. "/": it must be known when the filter is built, as a search for a text read at runtime could take time quadratic in the request',
  );
}

export function emptySearch(span: Span, fn: string, parameter: string): Diagnostic {
  return error(
    "E0261",
    span,
    `the \`${parameter}\` of \`${fn}\` is empty, so it is never found and \`${fn}\` returns its text unchanged`,
    `write the text to look for, e.g. "/"`,
  );
}

export const FUNCTION_DOCS: Record<string, CodeDoc> = {
  E0260: {
    title: "the text a function searches for must be a literal",
    explanation: `\`replace(s, "from", "to")\`, \`split_first(s, "sep")\` and \`split_last(s, "sep")\` look for a text
inside \`s\`. That text must be a string literal, so the search takes time linear in \`s\` whatever a request holds
(searching for a text read from the request could take time quadratic in it). The value searched in, and the
\`to\` of \`replace\`, may be any string.

Incorrect:

\`\`\`fw
on request_headers set "x-host" = split_first(request.host, request.header["x-sep"])
\`\`\`

Correct:

\`\`\`fw
on request_headers set "x-host" = split_first(request.host, ":")
\`\`\`
`,
  },
  E0261: {
    title: "a function searches for the empty string",
    explanation: `The empty string is never found by \`replace\`, \`split_first\` or \`split_last\` (it would be found
between every two bytes), so the call would return its text unchanged: the literal is almost certainly a mistake.

Incorrect:

\`\`\`fw
on request_headers set "x-path" = replace(request.path, "", "/")
\`\`\`

Correct:

\`\`\`fw
on request_headers set "x-path" = replace(request.path, "//", "/")
\`\`\`
`,
  },
};
