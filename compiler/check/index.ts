import type { Program, Rule } from "../../grammar/ast.js";
import { sortDiagnostics } from "../../grammar/diagnostic.js";
import { compileRegex } from "../regex/index.js";
import { CheckContext, type CheckOptions } from "./context.js";
import { collectParams } from "./params.js";
import type { CheckResult, MatchSource } from "./result.js";
import { checkMetricUses } from "./metrics.js";
import { checkRule } from "./rules.js";

export { CHECK_CODES } from "./codes.js";
export type { CheckOptions, RegexCompiler } from "./context.js";
export type { CheckedProgram, CheckResult, MatchGroup, MatchSource, ParamInfo, Resolution, RuleInfo } from "./result.js";

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
  const rules = program.statements.filter((s): s is Rule => s.kind === "Rule").map((rule, index) => checkRule(ctx, rule, index));
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
    },
    diagnostics: sortDiagnostics(ctx.diagnostics),
  };
}

/** The sources whose group program compiled. */
function sourcesIn(sources: ReadonlyMap<Rule, MatchSource | null>): Map<Rule, MatchSource> {
  return new Map([...sources].filter((entry): entry is [Rule, MatchSource] => entry[1] !== null));
}
