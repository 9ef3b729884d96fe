import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { LowerContext } from "../../compiler/lower/context.js";
import { lowerExpression } from "../../compiler/lower/expression.js";
import { Source } from "../../grammar/source.js";

/**
 * A rule joins a group through the test-set bits its condition cannot hold without (compiler/lower/dispatch.ts):
 * one operand of an `and`, every operand of an `or`. Taking one side of an `or`, or a test under a `not` or a
 * `!=`, would skip rules that can fire; the differential test (test/e2e/test-sets-dispatch.test.ts) shows that
 * in behaviour, this shows which bits each shape of condition yields.
 */
const conditions: Record<string, number | undefined> = {
  'request.path == "/a0"': 1,
  '(request.path starts_with "/a1")': 1,
  'request.path == "/a2" and request.header["h"] == "v"': 1,
  'request.header["h"] == "v" and request.path ends_with ".a3"': 1,
  'request.path == "/a4" or request.path matches "^/a5/[0-9]+$"': 2,
  'request.path contains "-a6-" or request.header["h"] == "v"': undefined,
  'not (request.path == "/a7")': undefined,
  'request.path != "/a8"': undefined,
  '(request.path == "/a9" or request.path == "/a10") and request.path starts_with "/a"': 2,
  'request.header["h"] == "v"': undefined,
};

describe("the test-set bits a condition requires", () => {
  it("come from one operand of an and, every operand of an or, and never from under a negation", () => {
    const source = Object.keys(conditions)
      .map((c, i) => `rule "r${i}" on request_headers when ${c} set "x-r${i}" = "1"`)
      .join("\n");
    const { checked, diagnostics } = analyze(new Source("bits.fw", source));
    expect(diagnostics).toEqual([]);
    const ctx = new LowerContext(checked);
    for (const info of checked.rules) lowerExpression(ctx, info.rule.condition!, info.phase);
    const plan = ctx.tests.plan();
    const found = Object.fromEntries(
      checked.rules.map((info, i) => [Object.keys(conditions)[i], plan.requiredBits(info.rule.condition!, info.phase)?.length]),
    );
    expect(found).toEqual(conditions);
  });

  it("are per phase: a node lowered for another phase does not lend it its tests", () => {
    const source = Array.from({ length: 9 }, (_, i) => `rule "r${i}" on request_headers when request.path == "/p${i}" set "x-r${i}" = "1"`).join("\n");
    const { checked } = analyze(new Source("phase.fw", source));
    const ctx = new LowerContext(checked);
    for (const info of checked.rules) lowerExpression(ctx, info.rule.condition!, info.phase);
    const plan = ctx.tests.plan();
    const condition = checked.rules[0]!.rule.condition!;
    expect(plan.requiredBits(condition, "request_headers")).toHaveLength(1);
    expect(plan.requiredBits(condition, "response_headers")).toBeUndefined();
  });
});
