/**
 * filterc lint: the parser and checker plus rules about meaning (unreachable rules, conflicting sets, headers
 * Envoy manages itself, ...). A library first; cli/lint-command.ts is a thin layer over lintFiles and the
 * formatters.
 */
import type { RuleMeta } from "./rule.js";
import { RULES } from "./rules/index.js";

export { lintSource, type LintSourceOptions } from "./engine.js";
export { lintFiles, LintUsageError, type FileFix, type LintFilesOptions, type LintFilesResult } from "./files.js";
export { applyEdits, type TextEdit } from "./fix.js";
export { fixSource, MAX_FIX_PASSES, type FixOutcome } from "./fix-source.js";
export { fileTextEdit, messageFixes, type FileTextEdit, type LineCharacter, type MessageFix } from "./fix-edits.js";
export { FORMATTERS, isFormatName, type FormatName, type Formatter, type FormatterContext } from "./formatters/index.js";
export { RULE_LEVELS, type LevelOverrides } from "./levels.js";
export { findProjectFile, PROJECT_FILE_NAME } from "./project.js";
export { errorsOnly, totals, type LintMessage, type LintResult } from "./result.js";
export type { LintRule, RuleLevel, RuleMeta } from "./rule.js";
export { RULES } from "./rules/index.js";

export function rulesMeta(): Record<string, RuleMeta> {
  return Object.fromEntries([...RULES.values()].map((rule) => [rule.meta.id, rule.meta]));
}
