import type { Binary, Expression } from "../../../grammar/ast.js";
import { describeExpression } from "../../check/describe.js";
import { compileRegex, isTriviallyTrue } from "../../regex/index.js";
import { ConstantFolder } from "../analysis/constant.js";
import { ruleConditions, walkExpression } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/** Patterns compiled once per process: files of one project repeat them, and a table is a few hundred bytes. */
const trivialByPattern = new Map<string, boolean>();
const CACHE_LIMIT = 4096;

function matchesEverything(pattern: string): boolean {
  let trivial = trivialByPattern.get(pattern);
  if (trivial === undefined) {
    const compiled = compileRegex(pattern);
    trivial = compiled.ok && isTriviallyTrue(compiled.table);
    if (trivialByPattern.size >= CACHE_LIMIT) trivialByPattern.clear();
    trivialByPattern.set(pattern, trivial);
  }
  return trivial;
}

/**
 * `matches` searches, so a pattern that can match the empty string anywhere (`.*`, `""`, `x*`, `^`) accepts every
 * value: the test only says whether the value is there at all. Usually an anchor or a `+` was meant.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-match-all-regex",
    type: "problem",
    defaultSeverity: "warn",
    hasSuggestions: true,
    description: "Disallow `matches` patterns that match every value, such as \".*\" or \"x*\".",
    messages: {
      alwaysTrue: "pattern \"{{pattern}}\" matches every value, so this test is always true",
      sameAsExists: "pattern \"{{pattern}}\" matches every value, so this test only checks that `{{subject}}` is present",
      presenceOnly: "pattern \"{{pattern}}\" matches every value, so this test only checks that `{{subject}}` has a value",
    },
    hints: {
      alwaysTrue: "`matches` searches anywhere in the value; anchor the pattern (`^...$`) or require a character (`+` instead of `*`)",
      sameAsExists: "write `exists({{subject}})` if that is the intent; otherwise anchor the pattern or use `+` instead of `*`",
      presenceOnly: "`matches` searches anywhere in the value; anchor the pattern (`^...$`) or require a character (`+` instead of `*`)",
    },
  }),
  checkFile(context: FileContext): void {
    const folder = new ConstantFolder(context.checked);
    for (const info of context.checked.rules) {
      for (const condition of ruleConditions(info.rule)) walkExpression(condition, (e) => {
        if (e.kind === "Binary" && e.op === "matches" && e.right.kind === "RegexLiteral" && matchesEverything(e.right.pattern)) report(context, folder, e);
      });
    }
  },
};

function report(context: FileContext, folder: ConstantFolder, binary: Binary): void {
  const pattern = (binary.right as Expression & { kind: "RegexLiteral" }).pattern;
  const subject = unparen(binary.left);
  const existsSubject = subject.kind === "Reference" && context.checked.references.get(subject)?.kind === "field";
  const data = { pattern, subject: describeExpression(subject) };
  if (folder.present(binary.left)) context.report({ messageId: "alwaysTrue", span: binary.right.span, data });
  else if (!existsSubject) context.report({ messageId: "presenceOnly", span: binary.right.span, data });
  else {
    const subjectText = context.source.text.slice(subject.span.start, subject.span.end);
    const suggestions = [{ desc: `test presence: \`exists(${subjectText})\``, fix: { span: binary.span, text: `exists(${subjectText})` } }];
    context.report({ messageId: "sameAsExists", span: binary.right.span, data, suggestions });
  }
}

function unparen(expression: Expression): Expression {
  return expression.kind === "Paren" ? unparen(expression.expression) : expression;
}

export default rule;
