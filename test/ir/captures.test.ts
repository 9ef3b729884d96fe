import { describe, expect, it } from "vitest";
import { code, printCode, testHole } from "../../compiler/ir/code.js";
import { captureConditions, distinctCode } from "../../compiler/ir/passes/captures.js";

const print = (c: Parameters<typeof printCode>[0]) => printCode(c, (test) => `T${test}`);

describe("capture conditions pass", () => {
  it("takes a slot always when one rule reads it unguarded, however many rules guard it", () => {
    const conditions = captureConditions([
      { always: new Set([0]), guarded: new Set([1]), guard: "G1" },
      { always: new Set(), guarded: new Set([0, 1]), guard: "G2" },
      { always: new Set(), guarded: new Set([2]) },
    ]);
    // Slot 2 is guarded by a rule without a guard: taken always, like slot 0.
    expect([...conditions.keys()]).toEqual([1]);
    expect(print(conditions.get(1)!)).toBe("(G1) || (G2)");
  });

  it("joins each distinct guard once, holes compared by their test ids", () => {
    const guard = code`(${testHole(3)})`;
    const conditions = captureConditions([
      { always: new Set(), guarded: new Set([0]), guard },
      { always: new Set(), guarded: new Set([0]), guard: code`(${testHole(3)})` },
      { always: new Set(), guarded: new Set([1]), guard },
      { always: new Set(), guarded: new Set([1]), guard: code`(${testHole(4)})` },
    ]);
    expect(print(conditions.get(0)!)).toBe("(T3)");
    expect(print(conditions.get(1)!)).toBe("((T3)) || ((T4))");
  });

  it("keeps the first of equal codes, and undefined apart", () => {
    expect(distinctCode(["a", undefined, "a", "b", undefined])).toEqual(["a", undefined, "b"]);
  });
});
