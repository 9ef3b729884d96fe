import { describe, expect, it } from "vitest";
import { errorsOf, expressionOk, parseOk, textAt } from "./helpers.js";

describe("`contains any`, `starts_with any`, `ends_with any`", () => {
  it("parse to one operator whose span covers `any`", () => {
    const text = "request.path starts_with any prefixes";
    const expr = expressionOk(text);
    expect(expr.kind).toBe("Binary");
    if (expr.kind !== "Binary") return;
    expect(expr.op).toBe("starts_with any");
    expect(textAt(text, expr.opSpan)).toBe("starts_with any");
    expect(expr.right.kind).toBe("Reference");
    expect((expressionOk('x ends_with any ["a", "b"]') as { op: string }).op).toBe("ends_with any");
    expect((expressionOk("x contains any (bots)") as { op: string }).op).toBe("contains any");
  });

  it("leave `any` a name: a param may be called `any`", () => {
    const program = parseOk('param any = "x"\non request_headers when request.path contains any deny 403');
    const rule = program.statements[1];
    expect(rule?.kind === "Rule" && rule.condition?.kind === "Binary" && rule.condition.op).toBe("contains");
    const twice = expressionOk("x contains any any");
    expect(twice.kind === "Binary" && twice.op).toBe("contains any");
    expect(twice.kind === "Binary" && twice.right.kind === "Reference" && twice.right.segments[0]?.name).toBe("any");
  });

  it("refuse `any` after other operators (E0130)", () => {
    expect(errorsOf("on request_headers when request.method == any methods deny 405")).toEqual([
      "E0130 1:40 `any` cannot follow `==`: it goes after `contains`, `starts_with` or `ends_with`",
    ]);
    expect(errorsOf("on request_headers when request.method in any methods deny 405")[0]).toMatch(/^E0130 1:40 `any` cannot follow `in`/);
  });
});
