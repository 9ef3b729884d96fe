import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import type { TextEdit } from "./fix.js";
import type { Suggestion } from "./rule.js";

/**
 * One problem lint found. Compile diagnostics keep the compiler's code (E0401) and have no ruleId; lint rule
 * messages carry the rule id both as `code` (so renderers print it) and as `ruleId`.
 */
export interface LintMessage extends Diagnostic {
  readonly ruleId?: string;
  readonly messageId?: string;
  /** A safe fix (compiler/lint/fix.ts), in the offsets of the result's source like `span`. */
  readonly fix?: TextEdit;
  /** Replacements an editor may offer; `--fix` never applies them. */
  readonly suggestions?: readonly Suggestion[];
}

/** The problems of one file: a rule file, or a filterc.yaml whose settings are at fault. */
export interface LintResult {
  /** The path as the user named it (relative to the working directory when it is inside it). */
  readonly filePath: string;
  readonly source: Source;
  /** Sorted by position. */
  readonly messages: readonly LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** The text after `--fix` (or `--fix-dry-run`) changed it, as ESLint's results carry it; `messages` are about it. */
  readonly output?: string;
}

export function makeResult(source: Source, messages: readonly LintMessage[]): LintResult {
  const sorted = [...messages].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    filePath: source.name,
    source,
    messages: sorted,
    errorCount: sorted.filter((m) => m.severity === "error").length,
    warningCount: sorted.filter((m) => m.severity === "warning").length,
  };
}

export function totals(results: readonly LintResult[]): { errors: number; warnings: number } {
  return results.reduce((t, r) => ({ errors: t.errors + r.errorCount, warnings: t.warnings + r.warningCount }), { errors: 0, warnings: 0 });
}

/** The result with warnings dropped, for `--quiet`. */
export function errorsOnly(result: LintResult): LintResult {
  const { messages, errorCount, warningCount } = makeResult(result.source, result.messages.filter((m) => m.severity === "error"));
  return { ...result, messages, errorCount, warningCount };
}
