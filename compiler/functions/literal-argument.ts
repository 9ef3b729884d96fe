import type { Call, Expression } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import { quoted } from "../check/describe.js";
import { emptySearch, searchNeedsLiteral } from "../check/errors/functions.js";

/**
 * Checks that argument `index` of a search (`replace`'s `from`, `split_*`'s `sep`) is a non-empty string literal:
 * the runtime's search then costs the subject's length times a constant, linear in the request. Its type was
 * checked already; a wrong type is not reported twice.
 */
export function checkSearchLiteral(ctx: CheckContext, call: Call, index: number, parameter: string): void {
  const arg = call.args[index];
  if (arg === undefined || ctx.types.get(arg) !== "string") return;
  const literal = unwrap(arg);
  if (literal.kind !== "StringLiteral") ctx.report(searchNeedsLiteral(arg.span, call.callee.name, parameter, quoted(arg)));
  else if (literal.value === "") ctx.report(emptySearch(arg.span, call.callee.name, parameter));
}

/** The literal text of argument `index`, for lowering (the checker made sure it is one). */
export function searchLiteral(call: Call, index: number): string {
  const literal = unwrap(call.args[index]!);
  if (literal.kind !== "StringLiteral") throw new Error(`internal: ${call.callee.name} needs a literal`);
  return literal.value;
}

function unwrap(expr: Expression): Expression {
  return expr.kind === "Paren" ? unwrap(expr.expression) : expr;
}
