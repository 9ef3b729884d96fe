import type { Rule } from "../../grammar/ast.js";
import { actionDefinition } from "../actions/registry.js";
import type { CheckContext } from "./context.js";
import { conditionExamples, quoted } from "./describe.js";
import { conditionNotBool } from "./errors/types.js";
import { inferExpression } from "./expressions.js";
import { MATCH_IN_CONDITION, MATCH_OUTSIDE_RULE, matchScopeOf } from "./match-groups.js";
import { resolvePhase } from "./phase.js";
import type { RuleInfo } from "./result.js";

/** Checks one rule: its phase, its condition (a bool) and its actions. */
export function checkRule(ctx: CheckContext, rule: Rule, index: number): RuleInfo {
  const { phase, valid } = resolvePhase(ctx, rule.phase);
  ctx.phase = valid ? phase : undefined;
  ctx.matchScope = MATCH_IN_CONDITION;
  if (rule.condition !== undefined) {
    const type = inferExpression(ctx, rule.condition);
    if (type !== undefined && type !== "bool") {
      ctx.report(conditionNotBool(rule.condition.span, quoted(rule.condition), type, conditionExamples(rule.condition, type)));
    }
  }
  ctx.matchScope = matchScopeOf(rule);
  for (const action of rule.actions) actionDefinition(action).check(ctx, action);
  ctx.matchScope = MATCH_OUTSIDE_RULE;
  ctx.phase = undefined;
  const info: RuleInfo = { rule, phase, index };
  return rule.name === undefined ? info : { ...info, name: rule.name.value };
}
