import type { Expression, Reference } from "../grammar/ast.js";
import { walkExpression } from "../grammar/walk.js";
import { ruleExpressions } from "./actions/registry.js";
import type { CheckedProgram, RuleInfo } from "./check/result.js";
import type { FieldInfo } from "./fields.js";

/** Visits every expression node of the rules: each rule's conditions and its actions' expressions, across branches. */
export function walkRuleExpressions(rules: readonly RuleInfo[], visit: (e: Expression) => void): void {
  for (const info of rules) {
    for (const root of ruleExpressions(info.rule)) walkExpression(root, visit);
  }
}

/** Visits every reference of the program's rules that reads a field (`source.address`, `request.header[...]`). */
export function walkFieldReads(checked: CheckedProgram, visit: (field: FieldInfo, reference: Reference) => void): void {
  walkRuleExpressions(checked.rules, (e) => {
    if (e.kind !== "Reference") return;
    const resolution = checked.references.get(e);
    if (resolution?.kind === "field") visit(resolution.field, e);
  });
}
