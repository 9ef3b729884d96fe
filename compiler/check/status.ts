import type { Expression } from "../../grammar/ast.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { statusNotInteger, statusOutOfRange } from "./errors/actions.js";
import { inferExpression } from "./expressions.js";

/** The statuses each local-response action may send. Redirects without a status send 302. */
export const STATUS_RANGES = {
  deny: { min: 200, max: 599 },
  respond: { min: 200, max: 599 },
  redirect: { min: 300, max: 399 },
} as const;

/**
 * A status is an integer literal in the action's range. Params are refused for now: the range check and the
 * generated local-response code both want the number at compile time.
 */
export function checkStatus(ctx: CheckContext, status: Expression, action: keyof typeof STATUS_RANGES): void {
  if (status.kind === "IntLiteral") {
    ctx.types.set(status, "int");
    const { min, max } = STATUS_RANGES[action];
    if (status.value < min || status.value > max) ctx.report(statusOutOfRange(status.span, action, status.value, min, max));
    return;
  }
  // An unknown name or misplaced list is already reported; one error per mistake.
  if (inferExpression(ctx, status) === undefined) return;
  const isParam = status.kind === "Reference" && ctx.references.get(status)?.kind === "param";
  ctx.report(statusNotInteger(status.span, action, quoted(status), isParam));
}
