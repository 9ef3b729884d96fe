import { ALL_CODES } from "../../../compiler/explain.js";
import type { FormatterContext } from "../../../compiler/lint/formatters/context.js";
import { rulesMeta } from "../../../compiler/lint/index.js";
import type { LintResult } from "../../../compiler/lint/result.js";
import { lintText } from "../helpers.js";

export function context(overrides: Partial<FormatterContext> = {}): FormatterContext {
  return {
    rulesMeta: rulesMeta(),
    codeTitles: Object.fromEntries(Object.entries(ALL_CODES).map(([code, doc]) => [code, doc.title])),
    color: false,
    cwd: "/work/project",
    toolVersion: "1.2.3",
    ...overrides,
  };
}

/** A file with a compile error, a lint error, a lint warning with a related location, and a clean file. */
export function sampleResults(): LintResult[] {
  return [
    lintText('rule "a" on request_headers when request.path == "/x" deny 403\nrule "a" on request_headers set "X-Id" = "1"\nparam unused = 1\n', undefined, "rules/gate.fw"),
    lintText('on response_headers set "x-a" = "1"\n', undefined, "rules/clean.fw"),
  ];
}
