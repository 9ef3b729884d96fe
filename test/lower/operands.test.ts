import { describe, expect, it } from "vitest";
import { operands } from "../../compiler/lower/operands.js";

/**
 * A rule joins a group through the test-set bits its condition cannot hold without (compiler/lower/dispatch.ts):
 * one operand of an `&&`, every operand of an `||`. Splitting must therefore never take one side of the other
 * operator, or what is under a `!`, for an operand.
 */
describe("the top-level operands of a lowered condition", () => {
  it("split nested chains of one operator and drop the parentheses around them", () => {
    expect(operands("((A && (B && C)) && D)", "&&")).toEqual(["A", "B", "C", "D"]);
    expect(operands("((A || B) || (C))", "||")).toEqual(["A", "B", "C"]);
    expect(operands("(A) && (B)", "&&")).toEqual(["A", "B"]);
  });

  it("keep the other operator, negations and calls whole", () => {
    expect(operands("(A || B)", "&&")).toEqual(["A || B"]);
    expect(operands("(A && B)", "||")).toEqual(["A && B"]);
    expect(operands("(A && B || C)", "&&")).toEqual(["A && B || C"]);
    expect(operands("(A || B && C)", "||")).toEqual(["A || B && C"]);
    expect(operands("(!(A && B) && f(C, D))", "&&")).toEqual(["!(A && B)", "f(C, D)"]);
    expect(operands("((A && B) || C)", "||")).toEqual(["A && B", "C"]);
  });

  it("keep code with quotes or a conditional whole", () => {
    expect(operands('f(")") && A', "&&")).toEqual(['f(")") && A']);
    expect(operands("A ? B : C && D", "&&")).toEqual(["A ? B : C && D"]);
  });
});
