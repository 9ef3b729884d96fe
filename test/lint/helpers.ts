import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintSource } from "../../compiler/lint/engine.js";
import { applyEdits } from "../../compiler/lint/fix.js";
import { fixesOf } from "../../compiler/lint/fix-source.js";
import type { LevelOverrides } from "../../compiler/lint/levels.js";
import type { LintMessage, LintResult } from "../../compiler/lint/result.js";
import { RULES } from "../../compiler/lint/rules/index.js";
import { Source } from "../../grammar/source.js";

/**
 * lintSource of a snippet, less W0001 (the file has no rules): snippets of params and directives alone are what
 * the engine's and rules' tests are about (test/cli/input-errors.test.ts checks W0001 in lint).
 */
export function lintText(text: string, levels?: LevelOverrides, name = "rules.fw"): LintResult {
  const result = lintSource(new Source(name, text), { levels });
  return { ...result, messages: result.messages.filter((m) => m.code !== "W0001") };
}

/** Every rule off but the named ones, at their default level. */
export function only(...ids: string[]): LevelOverrides {
  return Object.fromEntries([...RULES.keys()].map((id) => [id, ids.includes(id) ? RULES.get(id)!.meta.defaultSeverity : "off"]));
}

/** A message as rule tests compare it. endLine and endColumn are compared when the expectation gives them. */
export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export function located(result: LintResult, m: LintMessage): Required<ExpectedError> & { ruleId: string | undefined } {
  const start = result.source.position(m.span.start);
  const end = result.source.position(m.span.end);
  return { ruleId: m.ruleId, messageId: m.messageId ?? m.code, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export interface InvalidCase {
  readonly code: string;
  readonly errors: readonly ExpectedError[];
  /**
   * For a fixable rule, required (as in ESLint's RuleTester): the text after one pass of the rule's fixes, or null
   * when none of the errors has a fix. A rule that is not fixable must report no fix.
   */
  readonly output?: string | null;
}

/**
 * ESLint's RuleTester, small: each valid snippet produces no message of the rule, each invalid one exactly the
 * listed messages, in order. Snippets must compile cleanly, so a typo in a test cannot pass for a lint finding.
 */
export function ruleTester(id: string, cases: { valid: readonly string[]; invalid: readonly InvalidCase[] }): void {
  const rule = RULES.get(id);
  const run = (code: string) => {
    const result = lintText(code, only(id));
    expect(result.messages.filter((m) => m.ruleId === undefined).map((m) => `${m.code} ${m.message}`), "the snippet must compile cleanly").toEqual([]);
    return result;
  };
  describe(id, () => {
    it("is registered", () => expect(rule?.meta.id).toBe(id));
    describe("valid", () => {
      it.each([...cases.valid])("%s", (code) => {
        expect(run(code).messages.map((m) => `${m.messageId}: ${m.message}`)).toEqual([]);
      });
    });
    describe("invalid", () => {
      it.each([...cases.invalid])("$code", (c) => {
        const result = run(c.code);
        const actual = result.messages.map((m, i) => pick(located(result, m), c.errors[i]));
        expect(actual).toEqual(c.errors.map((e) => ({ ruleId: id, ...e })));
        if (rule?.meta.hasSuggestions === undefined) expect(result.messages.filter((m) => m.suggestions !== undefined), "a rule without meta.hasSuggestions suggests nothing").toEqual([]);
        const fixes = fixesOf(result);
        if (rule?.meta.fixable === undefined) {
          expect(fixes, "a rule without meta.fixable reports no fix").toEqual([]);
          return;
        }
        expect(c.output, "an invalid case of a fixable rule states its output (null: no fix)").not.toBe(undefined);
        expect(fixes.length === 0 ? null : applyEdits(c.code, fixes).output).toBe(c.output);
      });
    });
  });
}

/** The rule id and the fields the expectation names, so omitted end positions are not compared. */
function pick(actual: Record<string, unknown>, expected: ExpectedError | undefined): Record<string, unknown> {
  if (expected === undefined) return actual;
  return Object.fromEntries(["ruleId", ...Object.keys(expected)].map((k) => [k, actual[k]]));
}

/** A temporary directory tree, removed after the file's tests. */
export function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "filterc-lint-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  created.push(root);
  return root;
}

const created: string[] = [];
afterAll(() => {
  for (const root of created) rmSync(root, { recursive: true, force: true });
});
