import type { Count } from "../../grammar/ast.js";
import { unwrapParens, inferExpression, checkListItems } from "../check/expressions.js";
import { quoted } from "../check/describe.js";
import { labelNotScalar } from "../check/errors/metrics.js";
import { checkLabelBound, checkMetricName } from "../check/metrics.js";
import { DEFAULT_LABEL_LIMIT } from "../metric-names.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/** `count NAME [by EXPR [only [...] | limit N]]`: a counter, one per label value with `by` (runtime/metrics.ts). */
export const count: ActionDefinition<Count> = {
  keyword: () => "count",
  synopsis: "`count NAME [by EXPR [only LIST or limit N]]`",
  production: "count",
  shadow: { effect: "observes" },
  expressions: (action) => (action.by === undefined ? [] : [action.by.value]),
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  check(ctx, action) {
    checkMetricName(ctx, action.name);
    if (action.by === undefined) return;
    const value = unwrapParens(action.by.value);
    if (value.kind === "ListLiteral") {
      ctx.report(labelNotScalar(value.span, quoted(value)));
      checkListItems(ctx, value);
    } else if (inferExpression(ctx, action.by.value) === "list") ctx.report(labelNotScalar(action.by.value.span, quoted(action.by.value)));
    checkLabelBound(ctx, action);
  },
  lower(lowering, action) {
    const metrics = lowering.ctx.metrics;
    if (action.by === undefined) return [{ kind: "RuntimeCall", function: "metricIncrement", args: [metrics.counter(action.name.value)] }];
    const only = action.by.only?.items.map((item) => (item.kind === "StringLiteral" ? item.value : ""));
    const labels = metrics.labels(action.name.value, only !== undefined ? { only } : { limit: action.by.limit?.value ?? DEFAULT_LABEL_LIMIT });
    return [{ kind: "RuntimeCall", function: "labelsCount", args: [labels.table, labels.name, lowering.text(action.by.value), labels.scratch] }];
  },
};
