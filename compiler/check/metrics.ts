import type { Count, Observe, Rule, StringLiteral } from "../../grammar/ast.js";
import { ruleActions } from "../../grammar/walk.js";
import { BODY_OVERFLOW_COUNTER, DEFAULT_LABEL_LIMIT, MAX_LABEL_BYTES, OTHER_LABEL, RATE_LIMIT_COLLISIONS_COUNTER, RATE_LIMITED_COUNTER, RULE_COUNTER } from "../metric-names.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { badLabelBound, badMetricName, metricUsedTwoWays } from "./errors/metrics.js";

/** Checks of `count` and `observe` (docs/language.md, "Metrics"); the actions' own checks call these. */

export const MAX_METRIC_NAME_BYTES = 100;
export const MAX_LABEL_LIMIT = 256;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL = /^[A-Za-z0-9_-]+$/;

/** Why `name` cannot be a metric name, or undefined when it can. */
export function metricNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name.length > MAX_METRIC_NAME_BYTES) return `it is longer than ${MAX_METRIC_NAME_BYTES} bytes`;
  if (name === RULE_COUNTER) return "`countRules: true` counts rules under that name";
  if (name === BODY_OVERFLOW_COUNTER) return "body rules count bodies past maxBody under that name";
  if (name === RATE_LIMITED_COUNTER || name === RATE_LIMIT_COLLISIONS_COUNTER) return "`limit` counts its refusals and slot collisions under those names";
  const bad = Array.from(name).find((c) => !/[A-Za-z0-9_.]/.test(c));
  if (bad !== undefined) return `it contains ${bad === " " ? "a space" : `\`${bad}\``}`;
  if (!name.split(".").every((word) => WORD.test(word))) return "each dot-separated word must start with a letter or `_`";
  return undefined;
}

export function checkMetricName(ctx: CheckContext, name: StringLiteral): void {
  ctx.types.set(name, "string");
  const problem = metricNameProblem(name.value);
  if (problem !== undefined) ctx.report(badMetricName(name.span, name.value, problem));
}

/** The `only` list or `limit` of `count ... by`. */
export function checkLabelBound(ctx: CheckContext, action: Count): void {
  const by = action.by;
  if (by === undefined) return;
  if (by.limit !== undefined) {
    const n = by.limit.value;
    if (n < 1 || n > MAX_LABEL_LIMIT) {
      ctx.report(badLabelBound(by.limit.span, `\`limit\` is ${n}, but it must be between 1 and ${MAX_LABEL_LIMIT}`, "each value a worker keeps costs a stat and 72 bytes; 16 is the default"));
    }
  }
  if (by.only === undefined) return;
  ctx.types.set(by.only, "list");
  if (by.only.items.length === 0) ctx.report(badLabelBound(by.only.span, "the `only` list is empty", 'list the values that get a counter of their own, e.g. only ["GET", "POST"]'));
  if (by.only.items.length > MAX_LABEL_LIMIT) ctx.report(badLabelBound(by.only.span, `the \`only\` list has ${by.only.items.length} values, more than ${MAX_LABEL_LIMIT}`, "count the rest as `other`"));
  const seen = new Set<string>();
  for (const item of by.only.items) {
    if (item.kind !== "StringLiteral") {
      ctx.report(badLabelBound(item.span, `the values of \`only\` are strings written out, but ${quoted(item)} is not one`, 'write each value in double quotes, e.g. only ["GET", "POST"]'));
      continue;
    }
    ctx.types.set(item, "string");
    const value = item.value;
    const problem =
      value === "" ? "it is empty"
      : value === OTHER_LABEL ? "`other` is where the values outside the list are counted"
      : new TextEncoder().encode(value).length > MAX_LABEL_BYTES ? `it is longer than ${MAX_LABEL_BYTES} bytes`
      : !LABEL.test(value) ? "label values are letters, digits, `_` and `-`"
      : seen.has(value) ? "it is listed twice"
      : undefined;
    if (problem !== undefined) ctx.report(badLabelBound(item.span, `"${value}" cannot be an \`only\` value: ${problem}`, "other characters could not be told apart in the stat name"));
    seen.add(value);
  }
}

/** What a use makes of a name; two uses of one name must describe it the same way. */
function shape(action: Count | Observe): string {
  if (action.kind === "Observe") return "a histogram (`observe`)";
  if (action.by === undefined) return "a plain counter";
  if (action.by.only !== undefined) return `a counter by ${action.by.only.items.map((i) => (i.kind === "StringLiteral" ? `"${i.value}"` : "?")).join(", ")}`;
  return `a counter by up to ${action.by.limit?.value ?? DEFAULT_LABEL_LIMIT} values`;
}

/** E0281 for a metric name used as two different metrics anywhere in the program. */
export function checkMetricUses(ctx: CheckContext, rules: readonly Rule[]): void {
  const first = new Map<string, Count | Observe>();
  for (const rule of rules) {
    for (const action of ruleActions(rule)) {
      if (action.kind !== "Count" && action.kind !== "Observe") continue;
      const earlier = first.get(action.name.value);
      if (earlier === undefined) first.set(action.name.value, action);
      else if (shape(earlier) !== shape(action)) ctx.report(metricUsedTwoWays(action.name.span, action.name.value, shape(action), shape(earlier), earlier.name.span));
    }
  }
}
