import { describe, expect, it } from "vitest";
import type { RegexLiteral } from "../../grammar/ast.js";
import { patternSpan } from "../../compiler/check/regex.js";
import type { RegexCompiler } from "../../compiler/check/context.js";
import { checkText, expectClean, expectOne } from "./helpers.js";

describe("matches patterns", () => {
  it("accepts a valid pattern", () => {
    expectClean(String.raw`on request_headers when request.path matches "^/v\d+/" deny 404`);
  });

  it("reports the regex compiler's error at its place in the source", () => {
    const d = expectOne(String.raw`on request_headers when request.path matches "^/(api|v1" deny 404`, "E0301", 1, 49);
    expect(d.message).toBe("this `(` is never closed");
    expect(d.span).toEqual({ start: 48, end: 49 });
  });

  it("counts a `\\\\` escape as two source characters", () => {
    // "^/\\d+(" : the `(` is the 6th decoded character but the 7th source character after the quote.
    expectOne(String.raw`on request_headers when request.path matches "^/\\d+(" deny 404`, "E0301", 1, 53);
  });

  it("counts `\\\"` as two source characters", () => {
    expectOne(String.raw`on request_headers when request.path matches "\"a\"(" deny 404`, "E0301", 1, 52);
  });
});

describe("patternSpan without the source text", () => {
  const literal = (pattern: string, raw: string): RegexLiteral => ({ kind: "RegexLiteral", span: { start: 10, end: 10 + raw.length + 2 }, pattern });

  it("is exact when no backslash is doubled", () => {
    expect(patternSpan(literal(String.raw`\d(`, String.raw`\d(`), 2, 1)).toEqual({ start: 13, end: 14 });
  });

  it("is exact when every backslash is doubled", () => {
    expect(patternSpan(literal(String.raw`\d\w(`, String.raw`\\d\\w(`), 4, 1)).toEqual({ start: 17, end: 18 });
  });

  it("always accounts for escaped quotes", () => {
    expect(patternSpan(literal('"(', String.raw`\"(`), 1, 1)).toEqual({ start: 13, end: 14 });
  });

  it("covers at least one character and stays inside the literal", () => {
    expect(patternSpan(literal("ab", "ab"), 2, 0)).toEqual({ start: 13, end: 14 });
    expect(patternSpan(literal("ab", "ab"), 9, 3)).toEqual({ start: 13, end: 14 });
  });

  it("is what check uses when no source is given", () => {
    const stub: RegexCompiler = () => ({ ok: false, errors: [{ code: "E0399", message: "stub", offset: 3, length: 2 }] });
    const text = String.raw`on request_headers when request.path matches "\\d+ab" deny 404`;
    // `ab` starts at offset 50 in the file: 45 is the quote, 46-47 the `\\`.
    expect(checkText(text, { compileRegex: stub }).diagnostics.map((d) => d.span)).toEqual([{ start: 50, end: 52 }]);
    expect(checkText(text, { compileRegex: stub, source: undefined }).diagnostics.map((d) => d.span)).toEqual([{ start: 50, end: 52 }]);
  });
});
