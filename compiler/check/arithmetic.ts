import type { Binary, Expression } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import type { CheckContext } from "./context.js";
import { describeExpression, quoted } from "./describe.js";
import { arithmeticNeedsInts, plusOnStrings } from "./errors/arithmetic.js";
import { inferExpression, unwrapParens } from "./expressions.js";

/**
 * `a + b`, `a - b`, `a * b`, `a / b`, `a % b`: both operands are ints and so is the result (docs/language.md,
 * Arithmetic). `+` with a string on either side is its own error: it is the one people write to join text, and
 * the fix (a template) is not the same as for a mistyped operand. The result is an int even when an operand is
 * wrong, so one mistake is reported once and not again by the comparison around it.
 */
export function checkArithmetic(ctx: CheckContext, binary: Binary): ValueType {
  const left = inferExpression(ctx, binary.left);
  const right = inferExpression(ctx, binary.right);
  if (binary.op === "+" && (left === "string" || right === "string")) {
    ctx.report(plusOnStrings(binary.span, templateFor(binary)));
    return "int";
  }
  expectInt(ctx, binary.op, binary.left, left);
  expectInt(ctx, binary.op, binary.right, right);
  return "int";
}

function expectInt(ctx: CheckContext, op: string, operand: Expression, type: ValueType | undefined): void {
  if (type === undefined || type === "int") return;
  ctx.report(arithmeticNeedsInts(operand.span, op, quoted(operand), type, unquoteHint(operand)));
}

/** `"5"` where a number goes: the quotes are the mistake. */
function unquoteHint(operand: Expression): string | undefined {
  const inner = unwrapParens(operand);
  if (inner.kind === "StringLiteral" && /^\d+$/.test(inner.value)) return `write ${inner.value} without quotes`;
  return undefined;
}

/** The template that joins the operands of a chain of `+`: `"${request.host}${request.path}"`. */
function templateFor(binary: Binary): string {
  const parts = plusOperands(binary).map((operand) => {
    const inner = unwrapParens(operand);
    if (inner.kind === "StringLiteral") return inner.raw;
    return "${" + describeExpression(operand) + "}";
  });
  return `"${parts.join("")}"`;
}

function plusOperands(expression: Expression): Expression[] {
  if (expression.kind === "Binary" && expression.op === "+") return [...plusOperands(expression.left), ...plusOperands(expression.right)];
  return [expression];
}
