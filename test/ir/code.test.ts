import { describe, expect, it } from "vitest";
import { code, codeKey, Fragment, joinCode, printCode, testHole } from "../../compiler/ir/code.js";

const fill = (test: number) => `T${test}`;

describe("code with test holes", () => {
  it("stays a plain string while nothing in it is a hole", () => {
    expect(code`f(${"a"}, ${3})`).toBe("f(a, 3)");
    expect(joinCode(["a", "b"], " && ")).toBe("a && b");
  });

  it("keeps holes through templates and joins, and the printer fills each by its id", () => {
    const condition = joinCode([code`(${testHole(4)})`, "x", testHole(1)], " || ");
    expect(condition).toBeInstanceOf(Fragment);
    expect(printCode(code`if (${condition}) return;`, fill)).toBe("if ((T4) || x || T1) return;");
  });

  it("refuses to become a string by accident", () => {
    expect(() => `${testHole(0) as unknown as string}`).toThrow(/test holes/);
  });

  it("gives equal code equal keys and different holes different keys", () => {
    expect(codeKey(code`!${testHole(2)}`)).toBe(codeKey(code`!${testHole(2)}`));
    expect(codeKey(testHole(2))).not.toBe(codeKey(testHole(3)));
    expect(codeKey("header0()")).toBe("header0()");
  });
});
