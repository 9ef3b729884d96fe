import type { Observe } from "../../grammar/ast.js";
import { quoted, withArticle } from "../check/describe.js";
import { inferExpression } from "../check/expressions.js";
import { observeNeedsInt } from "../check/errors/metrics.js";
import { checkMetricName } from "../check/metrics.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/** `observe NAME EXPR`: one sample of an int in a histogram (runtime/metrics.ts metricRecord). */
export const observe: ActionDefinition<Observe> = {
  keyword: () => "observe",
  synopsis: "`observe NAME EXPR`",
  production: "observe",
  shadow: { effect: "observes" },
  expressions: (action) => [action.value],
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  check(ctx, action) {
    checkMetricName(ctx, action.name);
    const type = inferExpression(ctx, action.value);
    if (type !== undefined && type !== "int") ctx.report(observeNeedsInt(action.value.span, quoted(action.value), withArticle(type)));
  },
  lower(lowering, action) {
    const id = lowering.ctx.metrics.histogram(action.name.value);
    return [{ kind: "RuntimeCall", function: "metricRecord", args: [id, lowering.value(action.value)] }];
  },
};
