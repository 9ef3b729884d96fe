import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** `else` and `else when` branches: where they may follow. */

export function elseWithoutWhen(span: Span): Diagnostic {
  return error(
    "E0240",
    span,
    "`else` needs a rule with a `when` condition: without one the rule always runs, so its `else` never could",
    "add a condition to the rule (`on request_headers when ... { ... } else ...`), or move these actions into the rule itself",
  );
}

export function branchAfterElse(span: Span): Diagnostic {
  return error(
    "E0241",
    span,
    "this branch follows an `else` without a condition, so it can never run",
    "only the last branch may be a plain `else`: write `else when CONDITION` for the earlier one, or remove this branch",
  );
}

export const BRANCH_DOCS: Record<string, CodeDoc> = {
  E0240: {
    title: "`else` on a rule without `when`",
    explanation: `A rule's \`else\` branch runs when the rule's \`when\` condition does not hold. A rule without \`when\` always
runs, so an \`else\` after it could never run: filterc refuses it rather than compile dead actions.

Incorrect:

\`\`\`fw
on request_headers set "x-a" = "1" else set "x-a" = "2"
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.method == "GET" set "x-a" = "1" else set "x-a" = "2"
\`\`\`
`,
  },
  E0241: {
    title: "branch after a plain `else`",
    explanation: `Branches are tried in order and the first whose condition holds runs. A plain \`else\` (without \`when\`)
always holds, so a branch written after it can never run. Only the last branch of a rule may be a plain \`else\`.

Incorrect:

\`\`\`fw
on request_headers when request.path == "/a" deny 403
  else set "x-b" = "1"
  else when request.path == "/c" deny 404
\`\`\`

Correct:

\`\`\`fw
on request_headers when request.path == "/a" deny 403
  else when request.path == "/c" deny 404
  else set "x-b" = "1"
\`\`\`
`,
  },
};
