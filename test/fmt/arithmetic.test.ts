import { describe, expect, it } from "vitest";
import type { Binary, Expression, Program } from "../../grammar/ast.js";
import { printProgram } from "../../grammar/printer.js";
import { fmt, meaning, parseValid } from "./helpers.js";

describe("fmt of arithmetic", () => {
  it("spaces operators and keeps the parentheses written", () => {
    expect(fmt('on response_headers when (response.status-4)*2%7+1>=1 set "x"="${response.status/100}"\n')).toBe(
      'on response_headers when (response.status - 4) * 2 % 7 + 1 >= 1 set "x" = "${response.status / 100}"\n',
    );
    expect(fmt("on request_headers when 20 - (5 - 3) == 18 and ((1 + 2)) * 3 == 9 stop\n")).toBe(
      "on request_headers when 20 - (5 - 3) == 18 and ((1 + 2)) * 3 == 9 stop\n",
    );
  });

  it("keeps meaning through a round trip for each operator and mix", () => {
    for (const expression of ["a + b - c", "a - (b - c)", "a * b + c", "a * (b + c)", "a / b / c", "a / (b / c)", "a % b * c", "a % (b * c)", "(a + b) % c"]) {
      const text = `param a = 1\nparam b = 2\nparam c = 3\non request_headers when ${expression} == 0 stop\n`;
      const once = fmt(text);
      expect(meaning(parseValid(once)), expression).toEqual(meaning(parseValid(text)));
      expect(fmt(once)).toBe(once);
    }
  });

  it("inserts the parentheses a tree built without Paren nodes needs, so that it reads back as the same tree", () => {
    // `a - (b - c)` and `(a + b) * c` as a tool would build them: nested Binary nodes, no Paren.
    const text = "param a = 1\nparam b = 2\nparam c = 3\non request_headers when a - b - c == a * b + c stop\n";
    const program = parseValid(text);
    const rule = program.statements[3]!;
    if (rule.kind !== "Rule" || rule.condition?.kind !== "Binary") throw new Error("unexpected shape");
    const left = rule.condition.left as Binary; // (a - b) - c
    const right = rule.condition.right as Binary; // (a * b) + c
    const rightNested: Binary = { ...left, left: (left.left as Binary).left, right: { ...(left.left as Binary), left: (left.left as Binary).right, right: left.right } };
    const looser: Binary = { ...right, op: "*", left: { ...right, op: "+", left: (right.left as Binary).left, right: (right.left as Binary).right }, right: right.right };
    const condition: Expression = { ...rule.condition, left: rightNested, right: looser };
    const rebuilt: Program = { ...program, statements: [...program.statements.slice(0, 3), { ...rule, condition }] };
    const printed = printProgram(rebuilt, text);
    expect(printed.split("\n")[3]).toBe("on request_headers when a - (b - c) == (a + b) * c stop");
  });
});
