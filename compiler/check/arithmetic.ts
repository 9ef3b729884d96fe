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
  if (binary.op === "+") return checkSum(ctx, binary);
  expectInt(ctx, binary.op, binary.left, inferExpression(ctx, binary.left));
  expectInt(ctx, binary.op, binary.right, inferExpression(ctx, binary.right));
  return "int";
}

/** `a + b + c` is checked as a whole, so that joining three strings is one error with one template, not two. */
function checkSum(ctx: CheckContext, binary: Binary): ValueType {
  const operands = plusOperands(binary);
  const types = operands.map((operand) => inferExpression(ctx, operand));
  for (let e: Expression = binary.left; e.kind === "Binary" && e.op === "+"; e = e.left) ctx.typed(e, "int");
  if (types.includes("string")) ctx.report(plusOnStrings(binary.span, templateFor(operands)));
  else operands.forEach((operand, i) => expectInt(ctx, "+", operand, types[i]));
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
function templateFor(operands: readonly Expression[]): string {
  const parts = operands.map((operand) => {
    const inner = unwrapParens(operand);
    if (inner.kind === "StringLiteral") return inner.raw;
    return "${" + describeExpression(operand) + "}";
  });
  return `"${parts.join("")}"`;
}

/** The operands of a left-nested run of `+` (`a + b + c`), left to right; parentheses end the run. */
function plusOperands(binary: Binary): Expression[] {
  const operands: Expression[] = [binary.right];
  let left = binary.left;
  for (; left.kind === "Binary" && left.op === "+"; left = left.left) operands.push(left.right);
  operands.push(left);
  return operands.reverse();
}
