import { describe, expect, it } from "vitest";
import { lintFiles } from "../../../compiler/lint/files.js";
import { located, only, tempTree } from "../helpers.js";

const RULES = 'rule "hide-server" on response_headers remove "server"\nrule "hsts" on response_headers set "strict-transport-security" = "max-age=600"\n';

function lintProject(files: Record<string, string>, cwdSub = ".") {
  const root = tempTree(files);
  const { results } = lintFiles([cwdSub], { cwd: root, levels: only("unknown-rule-in-config") });
  const project = results.find((r) => r.filePath.endsWith("filterc.yaml"));
  return project === undefined ? [] : project.messages.map((m) => ({ ...located(project, m), hint: m.hint }));
}

describe("unknown-rule-in-config", () => {
  describe("valid", () => {
    it("accepts names that a rule file beside filterc.yaml declares", () => {
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [hide-server, hsts]\n", "a.fw": RULES })).toEqual([]);
    });

    it("accepts a name declared in any of several rule files beside it", () => {
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [only-in-b]\n", "a.fw": RULES, "b.rules": 'rule "only-in-b" on request_headers log info "b"\n' })).toEqual([]);
    });

    it("checks against the files beside filterc.yaml even when only one of them is linted", () => {
      const root = tempTree({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [hsts]\n", "a.fw": RULES, "b.fw": 'on request_headers log info "b"\n' });
      const { results } = lintFiles(["b.fw"], { cwd: root, levels: only("unknown-rule-in-config") });
      expect(results.flatMap((r) => r.messages)).toEqual([]);
    });

    it("does nothing without pluginConfig or without rule files beside the project file", () => {
      expect(lintProject({ "filterc.yaml": "name: x\n", "a.fw": RULES })).toEqual([]);
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [nope]\n", "sub/a.fw": RULES }, "sub")).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("reports a name no rule declares, at the list item, with did-you-mean", () => {
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules:\n    - hsts\n    - hide-sever\n", "a.fw": RULES })).toEqual([
        { ruleId: "unknown-rule-in-config", messageId: "unknownRule", line: 4, column: 7, endLine: 4, endColumn: 17, hint: "did you mean `hide-server`?" },
      ]);
    });

    it("lists the rule names when nothing is close", () => {
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [\"completely-different\"]\n", "a.fw": RULES })).toEqual([
        { ruleId: "unknown-rule-in-config", messageId: "unknownRule", line: 2, column: 20, endLine: 2, endColumn: 42, hint: 'the named rules are "hide-server", "hsts"' },
      ]);
    });

    it("checks the names of shadow_rules and enforce_rules too", () => {
      const rules = 'rule "hsts" shadow on response_headers set "strict-transport-security" = "max-age=600"\n';
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  shadow_rules: [hst]\n  enforce_rules: [hsts, nope]\n", "a.fw": rules }).map((m) => [m.line, m.column, m.hint])).toEqual([
        [2, 18, "did you mean `hsts`?"],
        [3, 25, 'the named rules are "hsts"'],
      ]);
    });

    it("says that only named rules can be disabled", () => {
      expect(lintProject({ "filterc.yaml": "pluginConfig:\n  disabled_rules: [first]\n", "a.fw": 'on request_headers log info "anonymous"\n' })).toEqual([
        { ruleId: "unknown-rule-in-config", messageId: "unknownRule", line: 2, column: 20, endLine: 2, endColumn: 25, hint: "only named rules (`rule \"name\" on ...`) can be disabled" },
      ]);
    });
  });
});
