import { describe, expect, it } from "vitest";
import { conjuncts } from "../../compiler/lower/conjuncts.js";

/**
 * A rule joins a group only through an operand its condition cannot hold without (compiler/lower/dispatch.ts), so
 * splitting must never return an operand of `||`, or one under `!`, as if it were required.
 */
describe("the top-level && operands of a lowered condition", () => {
  it("split nested conjunctions and drop the parentheses around them", () => {
    expect(conjuncts("((A && (B && C)) && D)")).toEqual(["A", "B", "C", "D"]);
  });

  it("keep disjunctions, negations and calls whole", () => {
    expect(conjuncts("(A || B)")).toEqual(["A || B"]);
    expect(conjuncts("(A && B || C)")).toEqual(["A && B || C"]);
    expect(conjuncts("(!(A && B) && f(C, D))")).toEqual(["!(A && B)", "f(C, D)"]);
    expect(conjuncts("(A) && (B)")).toEqual(["A", "B"]);
    expect(conjuncts("(A) || (B)")).toEqual(["(A) || (B)"]);
  });

  it("keep code with quotes or a conditional whole", () => {
    expect(conjuncts('f(")") && A')).toEqual(['f(")") && A']);
    expect(conjuncts("A ? B : C && D")).toEqual(["A ? B : C && D"]);
  });
});
