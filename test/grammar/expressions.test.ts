import { describe, expect, it } from "vitest";
import type { Expression } from "../../grammar/index.js";
import { bin, errorsOf, expressionOk, int, ref, shape, str, textAt } from "./helpers.js";

const a = ref("a");
const b = ref("b");
const c = ref("c");
const d = ref("d");
const not = (operand: unknown) => ({ kind: "Not", operand });
const paren = (expression: unknown) => ({ kind: "Paren", expression });

describe("precedence, loosest first: or, and, not, comparison, primary", () => {
  it.each<[string, unknown]>([
    ["a or b and c", bin("or", a, bin("and", b, c))],
    ["a and b or c", bin("or", bin("and", a, b), c)],
    ["a or b or c", bin("or", bin("or", a, b), c)],
    ["a and b and c", bin("and", bin("and", a, b), c)],
    ["not a and b", bin("and", not(a), b)],
    ["not a == b", not(bin("==", a, b))],
    ["not not a", not(not(a))],
    ["a == b and c != d", bin("and", bin("==", a, b), bin("!=", c, d))],
    ["a < b or c >= d", bin("or", bin("<", a, b), bin(">=", c, d))],
    ["(a or b) and c", bin("and", paren(bin("or", a, b)), c)],
    ["not (a or b)", not(paren(bin("or", a, b)))],
    ["((a))", paren(paren(a))],
    ["a and not b or c", bin("or", bin("and", a, not(b)), c)],
  ])("%s", (text, expected) => {
    expect(shape(expressionOk(text))).toEqual(expected);
  });
});

describe("comparison operators", () => {
  it.each(["==", "!=", "<", "<=", ">", ">=", "contains", "starts_with", "ends_with", "in"])("%s", (op) => {
    const text = `request.path ${op} x`;
    const e = expressionOk(text);
    expect(shape(e)).toEqual(bin(op, ref("request.path"), ref("x")));
    expect(e.kind === "Binary" && textAt(text, e.opSpan)).toBe(op);
    expect(e.span).toEqual({ start: 0, end: text.length });
  });

  it("takes a list or a param after `in`", () => {
    expect(shape(expressionOk('request.method in ["GET", "HEAD"]'))).toEqual(
      bin("in", ref("request.method"), { kind: "ListLiteral", items: [str("GET"), str("HEAD")] }),
    );
    expect(shape(expressionOk("source.address in blocked"))).toEqual(bin("in", ref("source.address"), ref("blocked")));
  });

  it("reports a chain instead of picking an associativity, and still builds a tree", () => {
    expect(errorsOf("on request_headers when 400 <= response.status < 500 stop")).toEqual([
      "E0116 1:48 comparisons cannot be chained: `<` follows another comparison",
    ]);
    expect(errorsOf("on request_headers when a == b == c stop")).toHaveLength(1);
    expect(errorsOf("on request_headers when (a == b) == c stop")).toEqual([]);
  });

  it("spans parentheses and `not` from their first token", () => {
    const text = "not (a == 1)";
    const e = expressionOk(text) as Expression & { kind: "Not" };
    expect(e.span).toEqual({ start: 0, end: 12 });
    expect(e.operand.span).toEqual({ start: 4, end: 12 });
    expect(shape(e)).toEqual(not(paren(bin("==", a, int(1)))));
  });
});

describe("matches", () => {
  it("turns its string operand into a RegexLiteral that keeps regex escapes", () => {
    const text = String.raw`request.path matches "^/v\d+[.]json$"`;
    const e = expressionOk(text);
    expect(shape(e)).toEqual(bin("matches", ref("request.path"), { kind: "RegexLiteral", pattern: String.raw`^/v\d+[.]json$` }));
    expect(e.kind === "Binary" && textAt(text, e.right.span)).toBe(String.raw`"^/v\d+[.]json$"`);
  });

  it.each([
    [String.raw`"a\\b"`, String.raw`a\b`],
    [String.raw`"say \"hi\""`, `say "hi"`],
    [String.raw`"\$\.\n\t\w"`, String.raw`\$\.\n\t\w`],
    [String.raw`"\\\\d"`, String.raw`\\d`],
    [`"$"`, "$"],
  ])("decodes only \\\\ and \\\" in %s", (literal, pattern) => {
    const e = expressionOk(`x matches ${literal}`);
    expect(e.kind === "Binary" && e.right).toMatchObject({ kind: "RegexLiteral", pattern });
  });

  it("requires a string literal", () => {
    expect(errorsOf("on request_headers when request.path matches pattern deny 404")).toEqual([
      "E0115 1:46 `matches` needs a regular expression in double quotes, found `pattern`",
    ]);
  });

  it("rejects interpolation in the pattern", () => {
    expect(errorsOf('on request_headers when request.path matches "^/${p}/" deny 404')).toEqual([
      "E0108 1:49 a `matches` pattern cannot contain `${...}`",
    ]);
  });
});

describe("literals", () => {
  it("reads integers in decimal and reports ones too large to be exact", () => {
    expect(expressionOk("0")).toMatchObject({ kind: "IntLiteral", value: 0 });
    expect(expressionOk("9007199254740991")).toMatchObject({ kind: "IntLiteral", value: 9007199254740991 });
    expect(errorsOf("param big = 9007199254740993")).toEqual(["E0109 1:13 the number 9007199254740993 is too large"]);
  });

  it("nests lists and spans them bracket to bracket", () => {
    const text = '[["a"], [], [1, true,],]';
    const e = expressionOk(text);
    expect(e.span).toEqual({ start: 0, end: text.length });
    expect(shape(e)).toEqual({
      kind: "ListLiteral",
      items: [
        { kind: "ListLiteral", items: [str("a")] },
        { kind: "ListLiteral", items: [] },
        { kind: "ListLiteral", items: [int(1), { kind: "BoolLiteral", value: true }] },
      ],
    });
  });
});
