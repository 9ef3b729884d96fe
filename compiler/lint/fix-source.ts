import { Source } from "../../grammar/source.js";
import { applyEdits, type TextEdit } from "./fix.js";
import type { LintMessage, LintResult } from "./result.js";

/** ESLint's bound: fixes that keep producing new fixes (two rules undoing each other) stop here. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text; the original when nothing applied or the fixed text did not check. */
  readonly output: string;
  /** The lint result of `output`: the problems that remain. */
  readonly result: LintResult;
  /** Fixes applied over all passes. */
  readonly fixed: number;
  /** Passes that changed the text. */
  readonly passes: number;
  /** Compile errors the fixed text had and the original did not: the fixes were then thrown away. */
  readonly rejected: readonly LintMessage[];
}

/**
 * Lints, applies the fixes that do not overlap, and lints the result again, until no fix is left or the text stops
 * changing, at most MAX_FIX_PASSES times. The fixed text is then checked like any rule file: if it has a compile
 * error the original did not have, a fix was wrong, and the original is kept whole. `lint` is given the text under
 * the file's own name and settings (`linted`, when given, is its result for `source`); pure, so dry runs and
 * editors use it as `--fix` does.
 */
export function fixSource(source: Source, lint: (source: Source) => LintResult, linted?: LintResult): FixOutcome {
  const original = linted ?? lint(source);
  let current = original;
  let fixed = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const edits = fixesOf(current);
    if (edits.length === 0) break;
    const { output, applied } = applyEdits(current.source.text, edits);
    if (applied.length === 0 || output === current.source.text) break;
    current = lint(new Source(source.name, output));
    fixed += applied.length;
    passes++;
  }
  const before = compileErrors(original).length;
  const rejected = compileErrors(current).length > before ? compileErrors(current) : [];
  if (rejected.length > 0) return { output: source.text, result: original, fixed: 0, passes: 0, rejected };
  return { output: current.source.text, result: current, fixed, passes, rejected };
}

/** The fixes of a result's messages. */
export function fixesOf(result: LintResult): TextEdit[] {
  return result.messages.flatMap((m) => (m.fix === undefined ? [] : [m.fix]));
}

function compileErrors(result: LintResult): LintMessage[] {
  return result.messages.filter((m) => m.ruleId === undefined && m.severity === "error");
}
