import { describe, expect, it } from "vitest";
import stylish from "../../../compiler/lint/formatters/stylish.js";
import { context, sampleResults } from "./support.js";

describe("stylish", () => {
  it("prints every problem with its code frame and hint, then the counts", () => {
    const out = stylish(sampleResults(), context());
    expect(out).toContain('error[no-duplicate-rule-name]: rule name "a" is already used\n --> rules/gate.fw:2:6\n');
    expect(out).toContain('2 | rule "a" on request_headers set "X-Id" = "1"\n  |      ^^^\n');
    expect(out).toContain(" --> rules/gate.fw:1:6\n");
    expect(out).toContain("first used here");
    expect(out).toContain("error[E0402]: header name `X-Id` has upper-case letters");
    expect(out).toContain("warning[no-unused-param]: param `unused` is declared but no rule uses it");
    expect(out).toContain("= hint: remove it, or use it in a rule");
    expect(out.endsWith("\n\n3 problems (2 errors, 1 warning)\n")).toBe(true);
    expect(out).not.toContain("\u001b[");
  });

  it("colors only when asked, and the count by the worst severity", () => {
    const out = stylish(sampleResults(), context({ color: true }));
    expect(out).toContain("\u001b[1;31merror[no-duplicate-rule-name]\u001b[0m");
    expect(out).toContain("\u001b[1;31m3 problems (2 errors, 1 warning)\u001b[0m");
    const warningsOnly = stylish([sampleResults()[0]!].map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === "warning"), errorCount: 0 })), context({ color: true }));
    expect(warningsOnly).toContain("\u001b[1;33m1 problem (0 errors, 1 warning)\u001b[0m");
  });

  it("prints nothing for clean results", () => {
    expect(stylish([sampleResults()[1]!], context())).toBe("");
    expect(stylish([], context())).toBe("");
  });
});
