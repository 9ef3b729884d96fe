import type { Expression } from "../../grammar/ast.js";
import type { RuleInfo } from "../check/result.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";
import { sourcesRead } from "./reads.js";

/**
 * Request values that response rules read are captured at the end of the request phase, and reading one is a
 * host call. A value that only a rule's actions read (the method in `set "x-audit" = "${request.method}"`) is
 * needed only if that rule can still fire, and often its condition already says it cannot: `when request.path
 * starts_with "/admin"` depends on request values alone, which are final by then. Such a value is captured only
 * when one of its readers' request-only conditions holds; otherwise its slot stays ABSENT, which no action of a
 * rule that cannot fire ever reads.
 */

/** The captures one response rule reads, in its condition and in its actions. */
export interface RuleCaptures {
  readonly condition: ReadonlySet<number>;
  readonly actions: ReadonlySet<number>;
  /** The rule's request-only conjuncts lowered for the request phase, joined by `&&`; undefined when it has none. */
  readonly guard?: string;
}

/**
 * The request-only part of a response rule's condition, lowered for the end of the request phase. Lower it before
 * the test sets are planned, as it may add tests of request values.
 */
export function requestGuard(ctx: LowerContext, info: RuleInfo): string | undefined {
  const condition = info.rule.condition;
  if (condition === undefined) return undefined;
  const conjuncts = topLevelConjuncts(condition).filter((c) => readsRequestValuesOnly(ctx, c));
  if (conjuncts.length === 0) return undefined;
  return conjuncts.map((c) => `(${lowerExpression(ctx, c, "request_headers")})`).join(" && ");
}

/**
 * What to capture for each capture slot: undefined to always take it, else the condition (AssemblyScript, over
 * request-phase values) under which it is taken.
 */
export function captureConditions(rules: readonly RuleCaptures[]): Map<number, string> {
  const always = new Set<number>();
  const guards = new Map<number, string[]>();
  for (const rule of rules) {
    for (const index of rule.condition) always.add(index);
    for (const index of rule.actions) {
      if (rule.guard === undefined) always.add(index);
      else guards.set(index, [...(guards.get(index) ?? []), rule.guard]);
    }
  }
  const conditions = new Map<number, string>();
  for (const [index, any] of guards) {
    if (always.has(index)) continue;
    const distinct = [...new Set(any)];
    conditions.set(index, distinct.length === 1 ? distinct[0]! : distinct.map((g) => `(${g})`).join(" || "));
  }
  return conditions;
}

function topLevelConjuncts(expr: Expression): Expression[] {
  if (expr.kind === "Paren") return topLevelConjuncts(expr.expression);
  if (expr.kind === "Binary" && expr.op === "and") return [...topLevelConjuncts(expr.left), ...topLevelConjuncts(expr.right)];
  return [expr];
}

const REQUEST_VALUES = new Set(["request-header", "request-header-keyed", "query-keyed", "cookie-keyed"]);

/**
 * Whether the expression reads request values (headers, query, cookies), and nothing else but literals. Params are
 * out: a reconfiguration between the two phases may change them. So are properties and response headers, which the
 * response phase reads live.
 */
function readsRequestValuesOnly(ctx: LowerContext, expr: Expression): boolean {
  const sources = sourcesRead(ctx, expr);
  return sources.size > 0 && [...sources].every((s) => REQUEST_VALUES.has(s));
}
