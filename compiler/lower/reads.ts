import type { Expression } from "../../grammar/ast.js";
import { walkExpression } from "../../grammar/walk.js";
import type { LowerContext } from "./context.js";

/**
 * What an expression reads: `param` for params, else the field's source (`request-header`, `property`, ...).
 * Lowering asks it to know when a value is fixed: by the configuration (params only) or by the end of the
 * request phase (request values only).
 */
export function sourcesRead(ctx: LowerContext, expr: Expression): Set<string> {
  const sources = new Set<string>();
  walkExpression(expr, (e) => {
    if (e.kind !== "Reference") return;
    const resolution = ctx.resolve(e);
    sources.add(resolution.kind === "field" ? resolution.field.source.from : "param");
  });
  return sources;
}

/** The field sources that are request values: final at the end of the request phase, and absent without one. */
export const REQUEST_VALUES: ReadonlySet<string> = new Set(["request-header", "request-header-keyed", "query-keyed", "cookie-keyed"]);
