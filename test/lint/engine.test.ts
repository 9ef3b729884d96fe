import { describe, expect, it } from "vitest";
import { lintText, located, only } from "./helpers.js";

const summary = (text: string, levels?: Parameters<typeof lintText>[1]) => {
  const result = lintText(text, levels);
  return result.messages.map((m) => `${located(result, m).line}:${located(result, m).column} ${m.severity} ${m.code}`);
};

describe("lintSource", () => {
  it("reports compile errors with the compiler's codes, and runs the rules on a file that parses", () => {
    const result = lintText('param unused = 1\non request_headers when request.url == "/" set "X-A" = "1"\n');
    expect(result.messages.map((m) => [m.code, m.severity, m.ruleId])).toEqual([
      ["no-unused-param", "warning", "no-unused-param"],
      ["E0203", "error", undefined],
      ["E0402", "error", undefined],
    ]);
    expect(result.errorCount).toBe(2);
    expect(result.warningCount).toBe(1);
    expect(result.filePath).toBe("rules.fw");
  });

  it("runs no lint rule on a file with syntax errors: they would only echo the syntax error", () => {
    expect(summary("param unused = 1\non request_headers deny\n")).toEqual(["2:24 error E0111"]);
  });

  it("applies levels over the defaults: off, warn, error", () => {
    const text = 'param unused = 1\nrule "a" on request_headers log info "x"\nrule "a" on request_headers log info "y"\n';
    expect(summary(text)).toEqual(["1:7 warning no-unused-param", "3:6 error no-duplicate-rule-name"]);
    expect(summary(text, { "no-unused-param": "error", "no-duplicate-rule-name": "warn" })).toEqual(["1:7 error no-unused-param", "3:6 warning no-duplicate-rule-name"]);
    expect(summary(text, { "no-unused-param": "off", "no-duplicate-rule-name": "off" })).toEqual([]);
  });

  it("ignores unknown ids in levels: lintFiles reports them where filterc.yaml names them", () => {
    expect(summary("param unused = 1\n", { "no-such-rule": "off" })).toEqual(["1:7 warning no-unused-param"]);
  });

  it("never suppresses compile errors with directives", () => {
    expect(summary('# filterc-disable\non request_headers set "X-A" = "1"\n', only("unused-disable"))).toEqual(["2:24 error E0402", "1:1 warning unused-disable"].sort(byPosition));
  });

  it("suppresses next-line problems only on the next line, and file-wide ones anywhere", () => {
    const text = "# filterc-disable-next-line no-unused-param\nparam a = 1\nparam b = 2\nparam c = 3\n# filterc-disable-next-line no-unused-param\n";
    expect(summary(text, only("no-unused-param"))).toEqual(["3:7 warning no-unused-param", "4:7 warning no-unused-param"]);
    expect(summary(`param a = 1\nparam b = 2\n# filterc-disable no-unused-param`, only("no-unused-param"))).toEqual([]);
  });

  it("keeps the directive ids apart: a directive for one rule does not hide another", () => {
    const text = '# filterc-disable-next-line no-hop-by-hop-header\nparam a = 1 on request_headers set "connection" = a\n';
    expect(summary(text, only("no-unused-param", "no-hop-by-hop-header"))).toEqual([]);
    expect(summary(text.replace("no-hop-by-hop-header", "no-unused-param"), only("no-unused-param", "no-hop-by-hop-header"))).toEqual(["2:36 warning no-hop-by-hop-header"]);
  });

  it("sorts messages by position", () => {
    const result = lintText('on request_headers set "connection" = "x"\nparam unused = 1\n');
    const starts = result.messages.map((m) => m.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

function byPosition(a: string, b: string): number {
  const [la, ca] = a.split(" ")[0]!.split(":").map(Number) as [number, number];
  const [lb, cb] = b.split(" ")[0]!.split(":").map(Number) as [number, number];
  return la - lb || ca - cb;
}
