import type { Expression, ListLiteral } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import { checkBinary } from "./binary.js";
import { checkCall } from "./calls.js";
import type { CheckContext } from "./context.js";
import { conditionExamples, quoted } from "./describe.js";
import { listItemNotString } from "./errors/params.js";
import { listNotAllowed, logicNeedsBools } from "./errors/types.js";
import { resolveReference } from "./references.js";
import { checkTemplate } from "./templates.js";

/**
 * The type of an expression, checking it on the way. Undefined means "no usable type": the expression had an error
 * that is already reported (an unknown name, a misplaced list), so the caller adds nothing about it. This keeps one
 * mistake from producing a cascade of messages.
 */
export function inferExpression(ctx: CheckContext, expression: Expression): ValueType | undefined {
  switch (expression.kind) {
    case "StringLiteral":
      return ctx.typed(expression, "string");
    case "IntLiteral":
      return ctx.typed(expression, "int");
    case "BoolLiteral":
      return ctx.typed(expression, "bool");
    case "TemplateString":
      checkTemplate(ctx, expression);
      return ctx.typed(expression, "string");
    case "RegexLiteral":
      // Only the right side of `matches`, which checks it; a pattern has no value of its own.
      return undefined;
    case "ListLiteral":
      ctx.report(listNotAllowed(expression.span));
      checkListItems(ctx, expression);
      return undefined;
    case "Reference":
      return resolveReference(ctx, expression);
    case "Call":
      return ctx.typed(expression, checkCall(ctx, expression));
    case "Binary":
      return ctx.typed(expression, checkBinary(ctx, expression));
    case "Not":
      expectBool(ctx, expression.operand, "not");
      return ctx.typed(expression, "bool");
    case "Paren":
      return ctx.typed(expression, inferExpression(ctx, expression.expression));
  }
}

/** Checks an operand of `and`, `or`, `not`. */
export function expectBool(ctx: CheckContext, operand: Expression, op: string): void {
  const type = inferExpression(ctx, operand);
  if (type !== undefined && type !== "bool") ctx.report(logicNeedsBools(operand.span, op, quoted(operand), type, conditionExamples(operand, type)));
}

/** Records a list literal as a list and reports items that are not string literals (lists hold strings only). */
export function checkListItems(ctx: CheckContext, list: ListLiteral): void {
  ctx.types.set(list, "list");
  for (const item of list.items) {
    if (item.kind === "StringLiteral") ctx.types.set(item, "string");
    else ctx.report(listItemNotString(item.span, quoted(item)));
  }
}

/** Parentheses change nothing about what an expression is; places that look for a shape look through them. */
export function unwrapParens(expression: Expression): Expression {
  return expression.kind === "Paren" ? unwrapParens(expression.expression) : expression;
}
