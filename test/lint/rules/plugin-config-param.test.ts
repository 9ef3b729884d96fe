import { describe, expect, it } from "vitest";
import { lintFiles } from "../../../compiler/lint/files.js";
import { located, only, tempTree } from "../helpers.js";

const RULES = [
  "param hsts_max_age = 31536000",
  'param frame_options = "DENY"',
  "param strict = false",
  'param blocked = ["10.0.0.0/8"]',
  'on response_headers set "strict-transport-security" = "max-age=${hsts_max_age}"',
  'on response_headers when strict set "x-frame-options" = frame_options',
  "on request_headers when source.address in blocked deny 403",
  "",
].join("\n");

function lintProject(yaml: string) {
  const root = tempTree({ "filterc.yaml": yaml, "security.fw": RULES });
  const { results } = lintFiles(["."], { cwd: root, levels: only("plugin-config-param") });
  const project = results.find((r) => r.filePath === "filterc.yaml");
  return project === undefined ? [] : project.messages.map((m) => ({ ...located(project, m), message: m.message, hint: m.hint }));
}

describe("plugin-config-param", () => {
  describe("valid", () => {
    it.each([
      "pluginConfig:\n  hsts_max_age: 600\n  frame_options: SAMEORIGIN\n  strict: true\n  blocked: [\"192.168.0.0/16\"]\n",
      "pluginConfig:\n  disabled_rules: []\n",
      "pluginConfig: {}\n",
      "name: security\n",
    ])("%s", (yaml) => {
      expect(lintProject(yaml)).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("reports a key that is not a param, at the key, with did-you-mean", () => {
      expect(lintProject("pluginConfig:\n  hsts_maxage: 600\n")).toEqual([
        {
          ruleId: "plugin-config-param",
          messageId: "unknownParam",
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 14,
          message: "pluginConfig sets `hsts_maxage`, which is not a param of security.fw; the filter would ignore it",
          hint: "did you mean `hsts_max_age`?",
        },
      ]);
    });

    it("reports values of the wrong type, at the value, with an example of the right one", () => {
      expect(lintProject('pluginConfig:\n  hsts_max_age: "600"\n  strict: yes\n  blocked: 10.0.0.0/8\n  frame_options: 1.5\n')).toEqual([
        {
          ruleId: "plugin-config-param",
          messageId: "wrongType",
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 22,
          message: 'param `hsts_max_age` is a whole number, but pluginConfig gives the string "600"; the filter would keep the default',
          hint: "write `hsts_max_age: 31536000`, like the declared default",
        },
        { ruleId: "plugin-config-param", messageId: "wrongType", line: 3, column: 11, endLine: 3, endColumn: 14, message: expect.stringContaining('gives the string "yes"'), hint: "write `strict: false`, like the declared default" },
        { ruleId: "plugin-config-param", messageId: "wrongType", line: 4, column: 12, endLine: 4, endColumn: 22, message: expect.stringContaining("is a list of strings"), hint: 'write `blocked: ["10.0.0.0/8"]`, like the declared default' },
        { ruleId: "plugin-config-param", messageId: "wrongType", line: 5, column: 18, endLine: 5, endColumn: 21, message: expect.stringContaining("gives the fraction 1.5"), hint: expect.any(String) },
      ]);
    });
  });
});

describe("plugin-config-param: trusted_hops", () => {
  function lintClient(yaml: string, rules: string) {
    const root = tempTree({ "filterc.yaml": yaml, "gateway.fw": rules });
    const { results } = lintFiles(["."], { cwd: root, levels: only("plugin-config-param") });
    const project = results.find((r) => r.filePath === "filterc.yaml");
    return project === undefined ? [] : project.messages.map((m) => ({ ...located(project, m), messageId: m.messageId }));
  }
  const reads = 'on request_headers when client.address in ["10.0.0.0/8"] deny 403\n';

  it("accepts trusted_hops when a rule reads client.address", () => {
    expect(lintClient("pluginConfig:\n  trusted_hops: 2\n", reads)).toEqual([]);
  });
  it("reports trusted_hops that is not a whole number of 0 or more", () => {
    expect(lintClient("pluginConfig:\n  trusted_hops: -1\n", reads).map((m) => m.messageId)).toEqual(["wrongSettingType"]);
    expect(lintClient('pluginConfig:\n  trusted_hops: "2"\n', reads).map((m) => m.messageId)).toEqual(["wrongSettingType"]);
  });
  it("reports trusted_hops as unknown when no rule reads client.address", () => {
    expect(lintClient("pluginConfig:\n  trusted_hops: 1\n", 'on request_headers when source.address in ["10.0.0.0/8"] deny 403\n').map((m) => m.messageId)).toEqual(["unknownParam"]);
  });
});

describe("plugin-config-param: shadow_rules and enforce_rules", () => {
  function lintShadow(yaml: string, rules: string) {
    const root = tempTree({ "filterc.yaml": yaml, "gateway.fw": rules });
    const { results } = lintFiles(["."], { cwd: root, levels: only("plugin-config-param") });
    const project = results.find((r) => r.filePath === "filterc.yaml");
    return project === undefined ? [] : project.messages.map((m) => ({ ...located(project, m), messageId: m.messageId, message: m.message }));
  }
  const shadow = 'rule "new" shadow on request_headers deny 403\nrule "old" on request_headers deny 404\n';

  it("accepts both lists when a rule file declares a shadow rule", () => {
    expect(lintShadow("pluginConfig:\n  shadow_rules: [old]\n  enforce_rules: [new]\n", shadow)).toEqual([]);
  });
  it("reports a list that is not a list of names", () => {
    expect(lintShadow("pluginConfig:\n  enforce_rules: new\n", shadow)).toEqual([
      { ruleId: "plugin-config-param", messageId: "wrongRuleList", line: 2, column: 18, endLine: 2, endColumn: 21, message: expect.stringContaining("`enforce_rules` is a list of rule names, but pluginConfig gives the string") },
    ]);
  });
  it("reports them as unknown when no rule is declared shadow: the filter does not read them", () => {
    expect(lintShadow("pluginConfig:\n  shadow_rules: [old]\n", 'rule "old" on request_headers deny 404\n').map((m) => m.messageId)).toEqual(["unknownParam"]);
  });
});
