import type { Binary, Expression } from "../../grammar/ast.js";
import type { CheckContext } from "./context.js";
import { describeExpression, quoted } from "./describe.js";
import { anyNeedsList } from "./errors/any-list.js";
import { textOperatorNeedsStrings } from "./errors/types.js";
import { checkListItems, inferExpression, unwrapParens } from "./expressions.js";

/**
 * `s contains any LIST`, `starts_with any`, `ends_with any`: a string on the left, a list param or a list literal
 * of strings on the right. The list is matched as a whole in one pass (docs/language.md), so it must be a list:
 * one string after `any` is refused rather than read as a list of one, which is what `contains` is for.
 */
export function checkAnyList(ctx: CheckContext, binary: Binary): void {
  const leftType = inferExpression(ctx, binary.left);
  if (leftType !== undefined && leftType !== "string") ctx.report(textOperatorNeedsStrings(binary.left.span, binary.op, quoted(binary.left), leftType));
  const list = unwrapParens(binary.right);
  if (list.kind === "ListLiteral") {
    for (let e: Expression = binary.right; e.kind === "Paren"; e = e.expression) ctx.types.set(e, "list");
    checkListItems(ctx, list);
    return;
  }
  const rightType = inferExpression(ctx, binary.right);
  if (rightType === undefined || rightType === "list") return;
  ctx.report(anyNeedsList(binary.right.span, binary.op, describeExpression(binary.right), rightType));
}
