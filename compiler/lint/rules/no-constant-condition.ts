import type { Binary, Expression } from "../../../grammar/ast.js";
import { ruleConditions } from "../../../grammar/walk.js";
import { describeExpression } from "../../check/describe.js";
import { ConstantFolder } from "../analysis/constant.js";
import { ruleMeta, type FileContext, type LintRule } from "../rule.js";

/**
 * A condition whose value is known at compile time: the rule always or never runs, or a part of it does nothing.
 * Literals fold, `x == x` is true for values that are never absent, `exists(request.path)` is always true.
 * Params are configuration, not constants, so `when strict` is fine.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-constant-condition",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow conditions, and parts of `and`/`or`, whose value is known at compile time.",
    messages: {
      alwaysTrue: "this condition is always true, so `when` has no effect",
      alwaysFalse: "this condition is always false, so the rule never runs",
      noEffect: "`{{text}}` is always {{value}}, so it has no effect on `{{op}}`",
    },
    hints: {
      alwaysTrue: "remove `when ...`; to make a rule switchable at runtime, use a bool param: `when enabled`",
      alwaysFalse: "delete the rule, or fix the condition; to switch a rule off at runtime, name it and list it in `disabled_rules`",
      noEffect: "remove `{{text}}` from the condition",
    },
  }),
  checkFile(context: FileContext): void {
    const folder = new ConstantFolder(context.checked);
    for (const condition of context.checked.rules.flatMap((info) => ruleConditions(info.rule))) {
      const value = folder.value(condition);
      if (value === true) context.report({ messageId: "alwaysTrue", span: condition.span });
      else if (value === false) context.report({ messageId: "alwaysFalse", span: condition.span });
      else findNoEffectOperands(folder, condition, context);
    }
  },
};

/**
 * In a condition that is not constant as a whole, a constant operand of `and` must be true (else the whole would be
 * false) and of `or` false: either way it does nothing. Looks through parentheses and `not`.
 */
function findNoEffectOperands(folder: ConstantFolder, expression: Expression, context: FileContext): void {
  switch (expression.kind) {
    case "Paren":
      findNoEffectOperands(folder, expression.expression, context);
      return;
    case "Not":
      findNoEffectOperands(folder, expression.operand, context);
      return;
    case "Binary":
      if (expression.op === "and" || expression.op === "or") checkLogical(folder, expression, context);
      return;
    default:
      return;
  }
}

function checkLogical(folder: ConstantFolder, binary: Binary, context: FileContext): void {
  for (const operand of [binary.left, binary.right]) {
    const value = folder.value(operand);
    if (typeof value === "boolean") {
      context.report({ messageId: "noEffect", span: operand.span, data: { text: describeExpression(operand), value: String(value), op: binary.op } });
    } else {
      findNoEffectOperands(folder, operand, context);
    }
  }
}

export default rule;
