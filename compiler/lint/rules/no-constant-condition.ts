import type { Binary, Expression } from "../../../grammar/ast.js";
import { ruleConditions, walkExpression } from "../../../grammar/walk.js";
import { drawsRandom } from "../analysis/random-draws.js";
import type { TextEdit } from "../fix.js";
import { coversComment } from "../fix-ranges.js";
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
    fixable: "code",
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
    for (const info of context.checked.rules) for (const condition of ruleConditions(info.rule)) {
      const value = folder.value(condition);
      // `when` of a rule without `else` branches goes (with `else`, the rule would need it: E0240).
      const fix = value === true && condition === info.rule.condition && info.rule.elseBranches === undefined ? whenRemoval(context, info.rule.phase.span.end, condition) : undefined;
      if (value === true) context.report({ messageId: "alwaysTrue", span: condition.span, ...(fix && { fix }) });
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
      // `a and true` is `a`: the operand goes with the operator between them.
      const span = operand === binary.right ? { start: binary.left.span.end, end: operand.span.end } : { start: operand.span.start, end: binary.right.span.start };
      const fix = removable(context, operand, span) ? { span, text: "" } : undefined;
      context.report({ messageId: "noEffect", span: operand.span, data: { text: describeExpression(operand), value: String(value), op: binary.op }, ...(fix && { fix }) });
    } else {
      findNoEffectOperands(folder, operand, context);
    }
  }
}

/**
 * `when CONDITION` from the end of the phase: the text between is the `when` keyword and blanks, so the rule
 * reads as if it had never had one.
 */
function whenRemoval(context: FileContext, phaseEnd: number, condition: Expression): TextEdit | undefined {
  if (!/^\s+when\s+$/.test(context.source.text.slice(phaseEnd, condition.span.start))) return undefined;
  const span = { start: phaseEnd, end: condition.span.end };
  return removable(context, condition, span) ? { span, text: "" } : undefined;
}

/**
 * Whether an always-true or no-effect part can go without changing anything: not when it holds a `matches`,
 * whose groups `match[N]` may read, nor a call that draws random numbers (later draws would change), nor a
 * comment.
 */
function removable(context: FileContext, removed: Expression, span: { start: number; end: number }): boolean {
  let matches = false;
  walkExpression(removed, (e) => {
    if (e.kind === "Binary" && e.op === "matches") matches = true;
  });
  return !matches && !drawsRandom(removed) && !coversComment(context.program.comments, span);
}

export default rule;
