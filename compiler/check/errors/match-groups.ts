import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** `match[N]`: the groups of a rule's `matches` (compiler/check/match-groups.ts). */

export function matchWithoutMatches(span: Span, why: string, hint: string): Diagnostic {
  return error("E0250", span, `\`match\` cannot be used here: ${why}`, hint);
}

export function matchGroupIndex(span: Span, message: string, hint: string): Diagnostic {
  return error("E0251", span, message, hint);
}

export const MATCH_GROUP_DOCS: Record<string, CodeDoc> = {
  E0250: {
    title: "`match` without one `matches` to refer to",
    explanation: `\`match[N]\` is group N of the \`matches\` in the rule's condition, read in the rule's actions. It needs
exactly one \`matches\` that must have matched when the actions run: one that is not under \`or\` or \`not\`
(nor inside a comparison such as \`(x matches "a") == false\`). So \`match\` cannot be used:

- in a rule without a condition, or whose condition has no \`matches\`;
- when the condition has several \`matches\`: it would not be clear which one \`match\` means;
- when the \`matches\` is under \`or\` or \`not\`: the rule may run without it having matched;
- in the condition itself, or outside a rule (a param's value).

Incorrect:

\`\`\`fw
on request_headers when request.path matches "^/a/(.*)$" or request.path matches "^/b/(.*)$"
  redirect 301 "/new/\${match[1]}"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path matches "^/(?:a|b)/(.*)$" redirect 301 "/new/\${match[1]}"
\`\`\`

That is, one pattern with the alternatives inside it (or one rule per pattern).
`,
  },
  E0251: {
    title: "`match` group number out of range",
    explanation: `The N of \`match[N]\` is a literal whole number: 0 for the whole match, 1 for the first capturing group
(counted by its \`(\` from the left), and so on up to the number of capturing groups in the pattern. \`(?:...)\`
groups do not count; named groups \`(?P<name>...)\` do, by their position.

Incorrect:

\`\`\`fw
on request_headers when request.path matches "^/old/(.*)$" set "x-rest" = "\${match[2]}"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path matches "^/old/(.*)$" set "x-rest" = "\${match[1]}"
\`\`\`
`,
  },
};
