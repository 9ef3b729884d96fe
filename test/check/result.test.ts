import { describe, expect, it } from "vitest";
import type { Expression, Program, Reference, Rule, Span } from "../../grammar/ast.js";
import { check } from "../../compiler/check/index.js";
import { checkText, located } from "./helpers.js";

describe("CheckedProgram", () => {
  it("lists rules in order with their phase and name", () => {
    const { checked } = checkText('rule "a" on request_headers deny 403\non response_headers set "x-a" = "1"\nparam p = 1\nrule "c" on request_headers stop');
    expect(checked.rules.map((r) => [r.index, r.phase, r.name])).toEqual([
      [0, "request_headers", "a"],
      [1, "response_headers", undefined],
      [2, "request_headers", "c"],
    ]);
    expect("name" in checked.rules[1]!).toBe(false);
  });

  it("resolves fields with their key (as written for query, lower-cased for headers) and params", () => {
    const { checked } = checkText(
      'param strict = true\non request_headers when strict and request.query["Page"] == "1" and request.header["X-Id"] == "2" and request.path == "/" deny 403',
    );
    const resolutions = [...checked.references.entries()].map(([reference, r]) => [
      reference.segments.map((s) => s.name).join("."),
      r.kind === "field" ? r.field.name : r.param.name,
      r.kind === "field" ? r.key : r.param.defaultValue,
    ]);
    expect(resolutions).toEqual([
      ["strict", "strict", true],
      ["request.query", "request.query", "Page"],
      ["request.header", "request.header", "x-id"],
      ["request.path", "request.path", undefined],
    ]);
  });

  it("is filled even when there are errors", () => {
    const { checked, diagnostics } = checkText('param p = 1\nparam p = 2\non request_headers when request.nope == p and request.path == 1 deny 700');
    expect(diagnostics.length).toBe(4);
    expect(checked.params.map((p) => p.name)).toEqual(["p"]);
    expect(checked.rules.length).toBe(1);
    expect([...checked.references.keys()].map((r) => r.segments.map((s) => s.name).join("."))).toEqual(["p", "request.path"]);
  });
});

describe("many errors in one file", () => {
  it("are all reported, sorted by position", () => {
    const text = [
      'on request_headers log warning "${l}"',
      "param l = [1]",
      'on response_header set "X-A" = response.status',
      'on request_headers when response.status == "500" deny 700',
      "param l = 2",
    ].join("\n");
    const { source, diagnostics } = checkText(text);
    expect(diagnostics.map((d) => located(source, d))).toEqual([
      { code: "E0410", line: 1, column: 24 },
      { code: "E0226", line: 1, column: 35 },
      { code: "E0213", line: 2, column: 12 },
      { code: "E0201", line: 3, column: 4 },
      { code: "E0402", line: 3, column: 24 },
      { code: "E0214", line: 4, column: 25 },
      { code: "E0217", line: 4, column: 25 },
      { code: "E0409", line: 4, column: 55 },
      { code: "E0210", line: 5, column: 7 },
    ]);
  });
});

/** Shapes the parser never produces, built by hand: the checker must still report them as data, not throw. */
describe("hand-built ASTs", () => {
  const span = (start: number, end: number): Span => ({ start, end });
  const ref = (...names: string[]): Reference => ({
    kind: "Reference",
    span: span(0, 1),
    segments: names.map((name) => ({ kind: "Identifier", span: span(0, 1), name })),
  });
  const rule = (condition: Expression): Rule => ({
    kind: "Rule",
    span: span(0, 1),
    phase: { kind: "Identifier", span: span(0, 1), name: "request_headers" },
    condition,
    actions: [{ kind: "Stop", span: span(0, 1) }],
    block: false,
  });
  const program = (...statements: Program["statements"]): Program => ({ kind: "Program", span: span(0, 1), statements, comments: [] });

  it("reports a `matches` pattern that is not a literal (E0220)", () => {
    const condition: Expression = { kind: "Binary", span: span(0, 1), op: "matches", opSpan: span(0, 1), left: ref("request", "path"), right: ref("p") };
    const p = program({ kind: "ParamDecl", span: span(0, 1), name: { kind: "Identifier", span: span(0, 1), name: "p" }, value: { kind: "StringLiteral", span: span(0, 1), value: "a", raw: "a" } }, rule(condition));
    expect(check(p).diagnostics.map((d) => d.code)).toEqual(["E0220"]);
  });

  it("refuses `true` and `false` as param names (E0211)", () => {
    const decl = (name: string) => ({ kind: "ParamDecl" as const, span: span(0, 1), name: { kind: "Identifier" as const, span: span(0, 1), name }, value: { kind: "IntLiteral" as const, span: span(0, 1), value: 1 } });
    expect(check(program(decl("true"), decl("false"))).diagnostics.map((d) => d.code)).toEqual(["E0211", "E0211"]);
  });

  it("reports a regex literal used as a value without crashing", () => {
    const condition: Expression = { kind: "Binary", span: span(0, 1), op: "==", opSpan: span(0, 1), left: ref("request", "path"), right: { kind: "RegexLiteral", span: span(0, 1), pattern: "a" } };
    expect(check(program(rule(condition))).diagnostics).toEqual([]);
  });
});
