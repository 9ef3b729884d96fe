import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { lower } from "../../compiler/lower/index.js";
import { shadowLine, shadowMetricName } from "../../compiler/lower/shadow.js";
import { Source } from "../../grammar/source.js";
import { parse } from "../../grammar/index.js";

const lowered = (text: string) => lower(analyze(new Source("shadow.fw", text)).checked);

describe("lowering shadow mode", () => {
  it("gives named rules a second path, and reads the two keys, only in a program with a shadow rule", () => {
    const plain = 'rule "a" on request_headers deny 403\nrule "b" on request_headers set "x" = "1"';
    const without = lowered(plain);
    expect(without.source).not.toMatch(/shadowMode\(|shadowFired\(|shadowModesRead\(|R\d+_shadow|SHADOW_/);
    expect(without.ruleModeKeys).toEqual([]);
    const withShadow = lowered(plain.replace('rule "b" on', 'rule "b" shadow on'));
    // Both named rules can be flipped: one flag each, set from the declared mode.
    expect(withShadow.source).toContain("R0_shadow = shadowMode(");
    expect(withShadow.source).toMatch(/R0_shadow = shadowMode\(\d+, false\);/);
    expect(withShadow.source).toMatch(/R1_shadow = shadowMode\(\d+, true\);/);
    expect(withShadow.ruleModeKeys).toEqual(["shadow_rules", "enforce_rules"]);
  });

  it("describes each action the rule reaches, up to its first terminating one", () => {
    const rule = (text: string) => {
      const statement = parse(new Source("r.fw", text)).program.statements[0]!;
      if (statement.kind !== "Rule") throw new Error("not a rule");
      return statement.actions;
    };
    expect(shadowLine("r", rule('on request_headers { add "a" = "1"; set_default "b" = "2"; remove prefix "x-"; rename "c" to "d"; remove query "q"; rewrite path "/p"; respond 503; set "e" = "3" }'))).toBe(
      'shadow rule "r": would add a, set_default b, remove prefix x-, rename c to d, remove query q, rewrite path, respond 503',
    );
    expect(shadowLine("r", rule('on request_headers redirect "/x/${request.path}"'))).toBe('shadow rule "r": would redirect 302');
    expect(shadowLine("r", rule('on request_headers log info "x"'))).toBe('shadow rule "r": matched, nothing to enforce');
  });

  it("names the counter after the rule, as a stat name", () => {
    expect(shadowMetricName("filterc.edge.", "new-block.v2")).toBe("filterc.edge.shadow.new-block.v2");
    expect(shadowMetricName("filterc.edge.", "a b/é")).toBe("filterc.edge.shadow.a_b__");
  });
});
