import type { Limit, Rule } from "../../grammar/ast.js";
import { ruleBranches } from "../../grammar/walk.js";
import { headersPhaseOf, phaseDefinition } from "../phases.js";
import type { CheckContext } from "./context.js";
import { globalLimitInUnnamedRule, globalLimitNotLast, globalLimitPhase, globalLimitRateNotLiteral, letBeforeGlobalLimit, twoGlobalLimitsInRule } from "./errors/global-limits.js";
import type { RuleInfo } from "./result.js";

/** The phase a global limit pauses: the request's headers. */
const REQUEST_HEADERS = headersPhaseOf("request");

/** The global limits (`limit ... via`) of a rule, in source order. */
export function globalLimits(rule: Rule): Limit[] {
  return ruleBranches(rule).flatMap((branch) => branch.actions.filter((a): a is Limit & { via: NonNullable<Limit["via"]> } => a.kind === "Limit" && a.via !== undefined));
}

/**
 * Where global limits stand: in a named `request_headers` rule, last in their branch (the stream pauses there and
 * resumes with the next rule), with no `let` of that phase before them (lower/callouts.ts resumes without them).
 */
export function checkGlobalLimits(ctx: CheckContext, rules: readonly RuleInfo[]): void {
  let first: { limit: Limit; index: number } | undefined;
  for (const info of rules) {
    const inRule = globalLimits(info.rule);
    // One descriptor per rule: the service's configuration cannot give one rule two limits.
    for (const extra of inRule.slice(1)) ctx.report(twoGlobalLimitsInRule(extra.span));
    for (const branch of ruleBranches(info.rule)) {
      branch.actions.forEach((action, i) => {
        if (action.kind !== "Limit" || action.via === undefined) return;
        if (info.rule.name === undefined) ctx.report(globalLimitInUnnamedRule(action.span));
        // A response phase is E0262, as for every limit.
        if (info.phase !== REQUEST_HEADERS && phaseDefinition(info.phase).side === "request") ctx.report(globalLimitPhase(action.span, info.phase));
        if (action.rate.kind !== "IntLiteral") ctx.report(globalLimitRateNotLiteral(action.rate.span));
        if (i !== branch.actions.length - 1) ctx.report(globalLimitNotLast(action.span));
        if (info.phase === REQUEST_HEADERS) first ??= { limit: action, index: info.index };
      });
    }
  }
  if (first === undefined) return;
  const where = ctx.source === undefined ? "the global limit" : `the global limit on line ${ctx.source.position(first.limit.span.start).line}`;
  for (const info of rules) {
    if (info.phase !== REQUEST_HEADERS || info.index >= first.index) continue;
    for (const branch of ruleBranches(info.rule)) for (const action of branch.actions) if (action.kind === "Let") ctx.report(letBeforeGlobalLimit(action.span, action.name.name, where));
  }
}
