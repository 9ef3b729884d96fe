import type { Expression, Program, Rule, Scope } from "../../grammar/ast.js";
import { sortDiagnostics } from "../../grammar/diagnostic.js";
import { programRules, programScopes } from "../../grammar/walk.js";
import { compileRegex } from "../regex/index.js";
import { CheckContext, type CheckOptions } from "./context.js";
import { collectParams } from "./params.js";
import type { CheckResult, MatchSource } from "./result.js";
import { checkMetricUses } from "./metrics.js";
import { checkRule } from "./rules.js";
import { checkGlobalLimits } from "./global-limits.js";
import { checkAuthorizePlacement } from "./authorize.js";
import { checkScope, scopedRule, scopeTest } from "./scopes.js";
import { collectVariables, reportUnreadVariables } from "./variables.js";

export { CHECK_CODES } from "./codes.js";
export type { CheckOptions, RegexCompiler } from "./context.js";
export type { CheckedProgram, CheckResult, MatchGroup, MatchSource, ParamInfo, Resolution, RuleInfo, VariableInfo } from "./result.js";

/**
 * Names, types and phases of a parsed program. Never throws for bad input: every problem in the file is a
 * diagnostic, sorted by position, and `checked` is filled as far as the errors allow so lint can keep going.
 *
 * Params are declared first (they are file-scoped), then each rule is checked in order. A rule with an unknown
 * phase still gets a RuleInfo, with the nearest phase as a stand-in; its phase-dependent checks are skipped.
 */
export function check(program: Program, options: CheckOptions = {}): CheckResult {
  const ctx = new CheckContext(options.compileRegex ?? compileRegex, options.source);
  const params = collectParams(ctx, program);
  for (const { scope, outer } of programScopes(program.statements)) checkScope(ctx, scope, outer);
  collectVariables(ctx, program);
  const scopeTests = new Map<Scope, Expression>();
  const rules = programRules(program.statements).map(({ rule, scopes }, index) => {
    const info = checkRule(ctx, rule, index);
    if (scopes.length === 0) return info;
    // The rule in its scopes (scopes.ts): what lowering and lint see. Its scopes' tests are typed in its phase.
    ctx.phase = info.phase;
    const tests = scopes.map((scope) => scopeTests.get(scope) ?? scopeTests.set(scope, scopeTest(ctx, scope)).get(scope)!);
    ctx.phase = undefined;
    const scoped = scopedRule(ctx, rule, tests);
    const source = ctx.matchSources.get(rule);
    if (source !== undefined) ctx.matchSources.set(scoped, source);
    return { ...info, rule: scoped };
  });
  reportUnreadVariables(ctx);
  checkGlobalLimits(ctx, rules);
  checkAuthorizePlacement(ctx, rules);
  checkMetricUses(ctx, rules.map((info) => info.rule));
  return {
    checked: {
      program,
      rules,
      params,
      references: ctx.references,
      types: ctx.types,
      regexTables: ctx.regexTables,
      matchGroups: ctx.matchGroups,
      matchSources: sourcesIn(ctx.matchSources),
      variables: [...ctx.variables.values()],
    },
    diagnostics: sortDiagnostics(ctx.diagnostics),
  };
}

/** The sources whose group program compiled. */
function sourcesIn(sources: ReadonlyMap<Rule, MatchSource | null>): Map<Rule, MatchSource> {
  return new Map([...sources].filter((entry): entry is [Rule, MatchSource] => entry[1] !== null));
}
