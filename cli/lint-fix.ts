import type { LintFilesResult, LintResult } from "../compiler/lint/index.js";
import { unifiedDiff } from "./line-diff.js";
import { rewriteFileAtomically } from "./rewrite-file.js";
import { UsageError } from "./usage-error.js";

export interface FixReport {
  /** For `--fix-dry-run`: what would change, as a unified diff per file. */
  readonly diff: string;
  /** A fixed file could not be written. */
  readonly failed: boolean;
  /** The results to report: a file that could not be written keeps the problems of its text as it is. */
  readonly results: readonly LintResult[];
}

/**
 * What `--fix` does with the fixed texts lintFiles computed: each changed file is rewritten atomically (or, for a
 * dry run, shown as a diff), and standard error says how many problems were fixed and what could not be.
 */
export function reportFixes(linted: LintFilesResult, options: { write: boolean }): FixReport {
  const say = (line: string) => process.stderr.write(`filterc lint: ${line}\n`);
  let diff = "";
  let failed = false;
  const unwritten = new Map<string, LintResult>();
  let problems = 0;
  let files = 0;
  for (const fix of linted.fixes) {
    if (fix.rejected.length > 0) {
      const first = fix.rejected[0]!;
      say(`${fix.filePath}: left unchanged: with the fixes applied it would not compile (${first.code}: ${first.message}); this is a bug in a lint rule's fix, please report it`);
      continue;
    }
    if (options.write) {
      try {
        rewriteFileAtomically(fix.path, fix.output, "fix", fix.filePath);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        say(error.message);
        failed = true;
        unwritten.set(fix.filePath, fix.before);
        continue;
      }
    } else {
      diff += unifiedDiff(fix.filePath, `${fix.filePath} (fixed)`, fix.original, fix.output);
    }
    problems += fix.fixed;
    files++;
  }
  for (const name of linted.unfixedCompositions) {
    say(`${name}: not fixed: fixes are applied only to rule files that neither import nor are imported; \`--format json\` lists them`);
  }
  if (problems > 0) say(`${options.write ? "fixed" : "would fix"} ${count(problems, "problem")} in ${count(files, "file")}`);
  const results = linted.results.map((r) => unwritten.get(r.filePath) ?? r);
  return { diff: diff === "" ? "" : `${diff}\n`, failed, results };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
