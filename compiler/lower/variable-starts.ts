import { ruleActions, ruleConditions, walkExpression } from "../../grammar/walk.js";
import { actionExpressions } from "../actions/registry.js";
import type { RuleInfo, VariableInfo } from "../check/result.js";
import { phaseDefinition, readsCaptured, sideOf, type Phase } from "../phases.js";
import { code, type Code } from "../ir/code.js";
import type { LowerContext } from "./context.js";
import { variableGlobal, variableRead } from "./variables.js";

/**
 * The first statements of each callback phase's function for its variables: those its rules (and the `on
 * local_reply` rules, when its replies run them) read or set. A variable set on an earlier side is captured for
 * it; call this before the stream plan, which counts the captures.
 */
export function variableStarts(ctx: LowerContext, rulesOf: ReadonlyMap<Phase, readonly RuleInfo[]>, replyRules: readonly RuleInfo[], repliesIn: (phase: Phase) => boolean): Map<Phase, Code[]> {
  const starts = new Map<Phase, Code[]>();
  for (const [phase, rules] of rulesOf) {
    const used = variablesUsed(ctx, repliesIn(phase) ? [...rules, ...replyRules] : rules);
    starts.set(phase, [...used].map((variable) => code`${variableGlobal(variable)} = ${startValue(ctx, variable, phase)};`));
  }
  return starts;
}

function startValue(ctx: LowerContext, variable: VariableInfo, phase: Phase): Code {
  const kept = variable.sites.some((site) => phaseDefinition(site.position.phase).runsOn === "callback" && readsCaptured(phase, sideOf(site.position.phase)));
  if (!kept) return variable.type === "string" ? "ABSENT" : "ABSENT_INT";
  const global = variableGlobal(variable);
  // Captured at the end of the recording phase, where the global holds the request side's last value.
  const capture = ctx.capture(`let ${variable.name}`, variable.type === "string" ? global : `intKept(${global})`);
  const read = ctx.captureRead(capture);
  return variable.type === "string" ? read : `intResumed(${read})`;
}

/** The variables some rule of `rules` reads or sets, in the program's order. */
function variablesUsed(ctx: LowerContext, rules: readonly RuleInfo[]): Set<VariableInfo> {
  // Without variables there is nothing to find: the walk over every rule's expressions was 3% of a 10,000-rule build.
  if (ctx.checked.variables.length === 0) return new Set();
  const names = new Set<string>();
  for (const info of rules) {
    for (const action of ruleActions(info.rule)) if (action.kind === "Let") names.add(action.name.name);
    const expressions = [...ruleConditions(info.rule), ...ruleActions(info.rule).flatMap(actionExpressions)];
    for (const expr of expressions) {
      walkExpression(expr, (e) => {
        const variable = e.kind === "Reference" ? variableRead(ctx, e) : undefined;
        if (variable !== undefined) names.add(variable.name);
      });
    }
  }
  return new Set(ctx.checked.variables.filter((variable) => names.has(variable.name)));
}
