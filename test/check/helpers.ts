import { expect } from "vitest";
import { check } from "../../compiler/check/index.js";
import type { CheckOptions } from "../../compiler/check/context.js";
import type { CheckResult } from "../../compiler/check/result.js";
import type { Diagnostic } from "../../grammar/diagnostic.js";
import { Source } from "../../grammar/source.js";
import { parse } from "../../grammar/index.js";

export interface Checked extends CheckResult {
  readonly source: Source;
}

/** Parses (which must succeed: these tests are about the checker) and checks a rule file. */
export function checkText(text: string, options: CheckOptions = {}): Checked {
  const source = new Source("rules.fw", text);
  const parsed = parse(source);
  expect(parsed.diagnostics.map((d) => `${d.code} ${d.message}`), "the snippet must parse cleanly").toEqual([]);
  return { source, ...check(parsed.program, { source, ...options }) };
}

/** A diagnostic as tests compare it: code and 1-based position of its start. */
export interface Located {
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

export function located(source: Source, d: Diagnostic): Located {
  const { line, column } = source.position(d.span.start);
  return { code: d.code, line, column };
}

/** Asserts the exact list of diagnostics (code, line, column), in order, and returns them for further checks. */
export function expectDiagnostics(text: string, expected: readonly Located[], options?: CheckOptions): readonly Diagnostic[] {
  const { source, diagnostics } = checkText(text, options);
  expect(diagnostics.map((d) => located(source, d))).toEqual(expected);
  return diagnostics;
}

/** Asserts one diagnostic and returns it, so the test can look at its message and hint. */
export function expectOne(text: string, code: string, line: number, column: number): Diagnostic {
  return expectDiagnostics(text, [{ code, line, column }])[0]!;
}

export function expectClean(text: string): CheckResult {
  const result = checkText(text);
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result;
}
