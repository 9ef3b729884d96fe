import type { Expression, Rule } from "../../grammar/ast.js";
import { ruleBranches } from "../../grammar/walk.js";
import { actionDefinition, actionKeyword, isLocalResponse } from "../actions/registry.js";
import { isBodyPhase, phaseDefinition } from "../phases.js";
import { checkBodyAction } from "./body-actions.js";
import { localReplyNotInPhase } from "./errors/local-reply.js";
import { shadowNotInPhase } from "./errors/shadow.js";
import type { CheckContext } from "./context.js";
import { conditionExamples, quoted } from "./describe.js";
import { branchAfterElse, elseWithoutWhen } from "./errors/branches.js";
import { conditionNotBool } from "./errors/types.js";
import { inferExpression } from "./expressions.js";
import { MATCH_IN_CONDITION, MATCH_IN_ELSE, MATCH_IN_LOCAL_REPLY, MATCH_OUTSIDE_RULE, matchScopeOf } from "./match-groups.js";
import { resolvePhase } from "./phase.js";
import type { RuleInfo } from "./result.js";

/**
 * Checks one rule: its phase, then each branch (the rule's own `when` and actions, then its `else` branches) with
 * the same phase checks: its condition (a bool) and its actions.
 */
export function checkRule(ctx: CheckContext, rule: Rule, index: number): RuleInfo {
  const { phase, valid } = resolvePhase(ctx, rule.phase);
  ctx.phase = valid ? phase : undefined;
  if (rule.shadow !== undefined && valid && phaseDefinition(phase).runsOn !== "callback") ctx.report(shadowNotInPhase(rule.shadow.span, phase));
  const branches = ruleBranches(rule);
  branches.forEach((branch, i) => {
    if (i === 1 && rule.condition === undefined) ctx.report(elseWithoutWhen(branch.span));
    else if (i > 1 && branches[i - 1]!.condition === undefined) ctx.report(branchAfterElse(branch.span));
    ctx.matchScope = MATCH_IN_CONDITION;
    ctx.position = { phase, rule: index, branch: i, action: -1 };
    if (branch.condition !== undefined) checkCondition(ctx, branch.condition);
    ctx.matchScope = i > 0 ? MATCH_IN_ELSE : ctx.phase !== undefined && phaseDefinition(ctx.phase).runsOn !== "callback" ? MATCH_IN_LOCAL_REPLY : matchScopeOf(rule);
    branch.actions.forEach((action, a) => {
      ctx.position = { phase, rule: index, branch: i, action: a };
      actionDefinition(action).check(ctx, action);
      if (ctx.phase !== undefined && isBodyPhase(ctx.phase)) checkBodyAction(ctx, action, ctx.phase);
      else if (ctx.phase !== undefined && !phaseDefinition(ctx.phase).localReply && isLocalResponse(action)) ctx.report(localReplyNotInPhase(action.span, actionKeyword(action), ctx.phase));
    });
  });
  ctx.position = undefined;
  ctx.matchScope = MATCH_OUTSIDE_RULE;
  ctx.phase = undefined;
  const info: RuleInfo = { rule, phase, index };
  return rule.name === undefined ? info : { ...info, name: rule.name.value };
}

function checkCondition(ctx: CheckContext, condition: Expression): void {
  const type = inferExpression(ctx, condition);
  if (type !== undefined && type !== "bool") ctx.report(conditionNotBool(condition.span, quoted(condition), type, conditionExamples(condition, type)));
}
