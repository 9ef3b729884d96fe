import { parse } from "../../grammar/index.js";
import { check } from "../check/index.js";
import { noRulesWarning } from "../rule-file.js";
import type { RegexCompiler } from "../check/context.js";
import type { CheckedProgram } from "../check/result.js";
import { withoutSyntaxEchoes } from "../check/syntax-echoes.js";
import { hasErrors } from "../../grammar/diagnostic.js";
import { Source } from "../../grammar/source.js";
import type { Composition } from "../imports.js";
import { applyDirectives, parseDirectives } from "./directives.js";
import { levelOf, type LevelOverrides } from "./levels.js";
import { toMessage } from "./messages.js";
import { makeResult, type LintMessage, type LintResult } from "./result.js";
import type { DeploymentFacts, LintRule, Report } from "./rule.js";
import { RULES } from "./rules/index.js";

export interface LintSourceOptions {
  /**
   * Rule id to level, over each rule's default. Ids that are not rules are ignored here; lintFiles reports them
   * where filterc.yaml names them.
   */
  readonly levels?: LevelOverrides;
  /** What the rule file's filterc.yaml says about its deployment. */
  readonly deployment?: DeploymentFacts;
  /** The checker's regex compiler: the language server passes one that remembers patterns between keystrokes. */
  readonly compileRegex?: RegexCompiler;
}

export interface LintedSource {
  readonly result: LintResult;
  /** The checker's view, for project rules that need a file's rule names and params. */
  readonly checked: CheckedProgram;
}

/**
 * Lints one rule file: every syntax and check diagnostic (not configurable, never suppressed), then the lint
 * rules, then the inline directives. Pure: no file system, no AssemblyScript compiler, no binaryen.
 * Rules only run on a file that parses: on a partial syntax tree they would report echoes of the syntax error.
 */
export function lintSource(source: Source, options: LintSourceOptions = {}): LintResult {
  return lintSourceDetailed(source, options).result;
}

export function lintSourceDetailed(input: Source | Composition, options: LintSourceOptions = {}): LintedSource {
  // A file with imports comes composed (compiler/imports.ts): the rules see the whole filter, as build does.
  const parsed = input instanceof Source ? parse(input) : input;
  const source = input instanceof Source ? input : input.source;
  const { checked, diagnostics } = check(parsed.program, { source, ...(options.compileRegex && { compileRegex: options.compileRegex }) });
  const front = [...parsed.diagnostics, ...withoutSyntaxEchoes(source, parsed.diagnostics, diagnostics)];
  const compile: LintMessage[] = [...front, ...noRulesWarning(checked.rules.length, front)];
  if (hasErrors(parsed.diagnostics)) return { result: makeResult(source, compile), checked };

  const levels = options.levels;
  const active = (id: string) => levelOf(id, levels) !== "off";
  const reported: LintMessage[] = [];
  for (const rule of RULES.values()) {
    if (rule.checkFile === undefined || !active(rule.meta.id)) continue;
    runRule(rule, source, levels, reported, (report) => rule.checkFile!({ source, program: parsed.program, checked, deployment: options.deployment ?? {}, report }));
  }

  // Directives apply within their own file: each file's comments to the messages in it.
  const kept: LintMessage[] = [];
  const unused: Report[] = [];
  const problems: Report[] = [];
  for (const file of source.files) {
    const within = inFile(source, file);
    const parsedDirectives = parseDirectives(source, parsed.program.comments.filter((c) => within(c.span.start)));
    const applied = applyDirectives(source, reported.filter((m) => within(m.span.start)), parsedDirectives.directives, active);
    problems.push(...parsedDirectives.problems);
    kept.push(...applied.kept);
    unused.push(...applied.unused);
  }
  const engine = [...engineMessages("unknown-rule", problems, levels), ...engineMessages("unused-disable", unused, levels)];
  return { result: makeResult(source, [...compile, ...kept, ...engine]), checked };
}

/** Whether an offset lies in `file`, one of the files of `source`. */
function inFile(source: Source, file: Source): (offset: number) => boolean {
  return source.files.length === 1 ? () => true : (offset) => source.locate(offset).file === file;
}

/** Runs one rule, turning its reports into messages; a rule that throws is a bug in filterc, named as such. */
export function runRule(rule: LintRule, source: Source, levels: LevelOverrides | undefined, into: LintMessage[], run: (report: (r: Report) => void) => void): void {
  const level = levelOf(rule.meta.id, levels);
  if (level === "off") return;
  try {
    run((report) => into.push(toMessage(rule.meta, level, report)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`lint rule ${rule.meta.id} failed on ${source.name}: ${message}`, { cause: error });
  }
}

/** Reports of the rules the engine itself implements, at their configured level. */
export function engineMessages(id: string, reports: readonly Report[], levels: LevelOverrides | undefined): LintMessage[] {
  const rule = RULES.get(id)!;
  const level = levelOf(id, levels);
  return level === "off" ? [] : reports.map((report) => toMessage(rule.meta, level, report));
}
