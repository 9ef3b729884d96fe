import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { bin, errorsOf, expressionOk, int, ref, rendered, shape, textAt } from "./helpers.js";

const a = ref("a");
const b = ref("b");
const c = ref("c");
const d = ref("d");
const paren = (expression: unknown) => ({ kind: "Paren", expression });

describe("arithmetic precedence: * / % above + -, both above comparisons; left-associative", () => {
  it.each<[string, unknown]>([
    ["a + b * c", bin("+", a, bin("*", b, c))],
    ["a * b + c", bin("+", bin("*", a, b), c)],
    ["a - b - c", bin("-", bin("-", a, b), c)],
    ["a / b / c", bin("/", bin("/", a, b), c)],
    ["a % b * c", bin("*", bin("%", a, b), c)],
    ["a - (b - c)", bin("-", a, paren(bin("-", b, c)))],
    ["(a + b) * c", bin("*", paren(bin("+", a, b)), c)],
    ["a + b == c * d", bin("==", bin("+", a, b), bin("*", c, d))],
    ["a < b + 1 and c % 2 != 0", bin("and", bin("<", a, bin("+", b, int(1))), bin("!=", bin("%", c, int(2)), int(0)))],
    ["not a + b == c", { kind: "Not", operand: bin("==", bin("+", a, b), c) }],
  ])("%s", (text, expected) => {
    expect(shape(expressionOk(text))).toEqual(expected);
  });

  it.each(["+", "-", "*", "/", "%"])("`%s` has its span and the operator's", (op) => {
    const text = `response.status ${op} 100`;
    const e = expressionOk(text);
    expect(e.kind === "Binary" && textAt(text, e.opSpan)).toBe(op);
    expect(e.span).toEqual({ start: 0, end: text.length });
  });

  it("works inside ${...}", () => {
    const e = expressionOk('"${response.status / 100}xx"');
    expect(e.kind === "TemplateString" && shape(e.parts[0])).toEqual(bin("/", ref("response.status"), int(100)));
  });
});

describe("arithmetic syntax errors", () => {
  it("says a value is missing after an operator", () => {
    expect(errorsOf("on request_headers when destination.port + == 3 deny 403")[0]).toMatch(/^E0111 1:44 expected a value after `\+`, found `==`/);
    expect(errorsOf("on request_headers when destination.port * deny 403")[0]).toMatch(/^E0111 1:44 expected a value after `\*`, found `deny`/);
  });

  it("has no unary minus: a leading `-` is not a value", () => {
    expect(errorsOf("on request_headers when -1 < destination.port deny 403")[0]).toMatch(/^E0111 1:25 expected a value/);
    expect(rendered("on request_headers when destination.port > -1 deny 403")).toContain("= hint: there is no unary minus: write a negative number as a difference, e.g. `0 - 5`");
  });
});

describe("arithmetic and the operator limit (E0121)", () => {
  it("counts `+ - * / %` as operators", () => {
    // 400 comparisons or-ed: 799 operators without the `+`, 1,199 with it.
    const condition = Array.from({ length: 400 }, (_, i) => `destination.port + 1 == ${i}`).join(" or ");
    const result = parse(new Source("rules.fw", `on request_headers when ${condition} deny 403\n`));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0121"]);
    expect(result.diagnostics[0]!.message).toContain("1,199");
  });
});
