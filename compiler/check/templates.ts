import { isArithmetic, type TemplateString } from "../../grammar/ast.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { interpolationNotScalar } from "./errors/types.js";
import { checkListItems, inferExpression, unwrapParens } from "./expressions.js";

/**
 * `"...${x}..."`: each interpolation is one scalar value (string, int or bool, written out as text). Conditions
 * built with operators are refused even though they are bools: `${a == b}` printing "true" is almost never what
 * was meant, and a field or param reads clearer. Arithmetic is a value (an int), so `${response.status / 100}` is fine.
 */
export function checkTemplate(ctx: CheckContext, template: TemplateString): void {
  for (const part of template.parts) {
    if (part.kind === "TemplateText") continue;
    const inner = unwrapParens(part);
    if (inner.kind === "ListLiteral") {
      ctx.report(interpolationNotScalar(part.span, quoted(inner), "list"));
      checkListItems(ctx, inner);
      continue;
    }
    const type = inferExpression(ctx, part);
    if ((inner.kind === "Binary" && !isArithmetic(inner.op)) || inner.kind === "Not") ctx.report(interpolationNotScalar(part.span, quoted(inner), "operator"));
    else if (type === "list") ctx.report(interpolationNotScalar(part.span, quoted(inner), "list"));
  }
}
