import type { StringLiteral } from "../../../grammar/ast.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * Rule names are how operators switch rules off at runtime (`disabled_rules`), and how the rule map, logs and
 * `response_code_details` name a rule. Two rules with one name are switched off together and cannot be told
 * apart in the logs.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-duplicate-rule-name",
    type: "problem",
    defaultSeverity: "error",
    description: "Disallow two rules with the same name: disabled_rules, logs and the rule map could not tell them apart.",
    messages: {
      duplicate: "rule name \"{{name}}\" is already used",
    },
    hints: {
      duplicate: "give each rule its own name: `disabled_rules: [\"{{name}}\"]` would switch off both",
    },
  }),
  checkFile(context: FileContext): void {
    const first = new Map<string, StringLiteral>();
    for (const info of context.checked.rules) {
      const name = info.rule.name;
      if (name === undefined) continue;
      const earlier = first.get(name.value);
      if (earlier === undefined) first.set(name.value, name);
      else context.report({ messageId: "duplicate", span: name.span, data: { name: name.value }, related: [{ span: earlier.span, message: "first used here" }] });
    }
  },
};

export default rule;
