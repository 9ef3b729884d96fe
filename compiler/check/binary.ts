import type { Binary, Expression } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import { checkArithmetic } from "./arithmetic.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { comparisonMismatch, matchesNeedsPattern, orderingNeedsInts, textOperatorNeedsStrings } from "./errors/types.js";
import { expectBool, inferExpression, unwrapParens } from "./expressions.js";
import { checkAnyList } from "./any-list.js";
import { checkMembership } from "./membership.js";
import { checkPattern } from "./regex.js";

/** Comparisons and logic yield a bool, arithmetic an int; this checks the operands. */
export function checkBinary(ctx: CheckContext, binary: Binary): ValueType {
  switch (binary.op) {
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return checkArithmetic(ctx, binary);
    case "and":
    case "or":
      expectBool(ctx, binary.left, binary.op);
      expectBool(ctx, binary.right, binary.op);
      break;
    case "==":
    case "!=":
      checkEquality(ctx, binary);
      break;
    case "<":
    case "<=":
    case ">":
    case ">=":
      expectOperand(ctx, binary.left, binary.op, "int");
      expectOperand(ctx, binary.right, binary.op, "int");
      break;
    case "contains":
    case "starts_with":
    case "ends_with":
      expectOperand(ctx, binary.left, binary.op, "string");
      expectOperand(ctx, binary.right, binary.op, "string");
      break;
    case "matches":
      expectOperand(ctx, binary.left, binary.op, "string");
      if (binary.right.kind === "RegexLiteral") checkPattern(ctx, binary.right);
      else {
        inferExpression(ctx, binary.right);
        ctx.report(matchesNeedsPattern(binary.right.span));
      }
      break;
    case "in":
      checkMembership(ctx, binary);
      break;
    case "contains any":
    case "starts_with any":
    case "ends_with any":
      checkAnyList(ctx, binary);
      break;
  }
  return "bool";
}

function expectOperand(ctx: CheckContext, operand: Expression, op: string, expected: "int" | "string"): void {
  const type = inferExpression(ctx, operand);
  if (type === undefined || type === expected) return;
  const what = quoted(operand);
  ctx.report(expected === "int" ? orderingNeedsInts(operand.span, op, what, type) : textOperatorNeedsStrings(operand.span, op, what, type));
}

/** `==` and `!=` take two values of one scalar type; a list on either side is never comparable. */
function checkEquality(ctx: CheckContext, binary: Binary): void {
  const left = inferExpression(ctx, binary.left);
  const right = inferExpression(ctx, binary.right);
  if (left === undefined || right === undefined) return;
  if (left === right && left !== "list") return;
  const hint = quotingHint(binary.right, right, left) ?? quotingHint(binary.left, left, right);
  ctx.report(comparisonMismatch(binary.span, quoted(binary.left), left, quoted(binary.right), right, hint));
}

/**
 * The commonest mismatch is a literal with the wrong quoting: `response.status == "500"`, `request.header["x"] ==
 * 1`. Returns a hint when `literal` is such a literal facing a value of type `otherType`.
 */
function quotingHint(literalExpression: Expression, literalType: ValueType, otherType: ValueType): string | undefined {
  const literal = unwrapParens(literalExpression);
  if (literal.kind === "StringLiteral") {
    if (otherType === "int" && /^-?\d+$/.test(literal.value)) return `write ${literal.value} without quotes`;
    if (otherType === "bool" && (literal.value === "true" || literal.value === "false")) return `write ${literal.value} without quotes`;
  }
  if ((literal.kind === "IntLiteral" || literal.kind === "BoolLiteral") && otherType === "string") {
    return `text is compared with text: write "${literal.value}" in quotes`;
  }
  if (otherType === "list" || literalType === "list") return "test membership with `in` instead";
  return undefined;
}
