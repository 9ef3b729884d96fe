import { describe, expect, it } from "vitest";
import { lintFiles } from "../../../compiler/lint/files.js";
import { lintText, located, only, tempTree } from "../helpers.js";

describe("unknown-rule", () => {
  describe("in disable comments", () => {
    const lint = (text: string) => {
      const result = lintText(text, only("unknown-rule", "no-unused-param"));
      return result.messages.map((m) => ({ ...located(result, m), hint: m.hint }));
    };

    it("accepts known rule ids and ignores ordinary comments", () => {
      expect(lint("# filterc-disable-next-line no-unused-param\nparam p = 1\n# filterc is great")).toEqual([]);
    });

    it("reports an unknown id with the closest rule id", () => {
      expect(lint("# filterc-disable-next-line no-unused-parm\nparam p = 1")).toEqual([
        { ruleId: "unknown-rule", messageId: "unknownRule", line: 1, column: 29, endLine: 1, endColumn: 43, hint: "did you mean `no-unused-param`?" },
        // The directive named no known rule, so it suppresses nothing.
        { ruleId: "no-unused-param", messageId: "unused", line: 2, column: 7, endLine: 2, endColumn: 8, hint: expect.any(String) },
      ]);
    });

    it("says that compile errors cannot be switched off", () => {
      expect(lint("# filterc-disable e0401")).toEqual([
        { ruleId: "unknown-rule", messageId: "compileCode", line: 1, column: 19, endLine: 1, endColumn: 24, hint: "fix the problem instead: `filterc explain E0401` says how" },
      ]);
    });

    it("reports an unknown filterc- directive with the closest directive", () => {
      expect(lint("# filterc-disable-nextline no-unused-param")).toEqual([
        { ruleId: "unknown-rule", messageId: "unknownDirective", line: 1, column: 3, endLine: 1, endColumn: 27, hint: "did you mean `filterc-disable-next-line`?" },
      ]);
    });

    it("reports a directive that is nothing like the known ones with the list of directives", () => {
      expect(lint("# filterc-ignore-everything")).toEqual([
        { ruleId: "unknown-rule", messageId: "unknownDirective", line: 1, column: 3, endLine: 1, endColumn: 28, hint: "the directives are `filterc-disable-next-line RULE` and `filterc-disable RULE`" },
      ]);
    });
  });

  describe("in filterc.yaml", () => {
    it("reports unknown ids in the lint map at the key, with did-you-mean, and keeps the known ones", () => {
      const root = tempTree({
        "filterc.yaml": "lint:\n  no-unused-param: off\n  no-unsued-param: off\n  E0401: off\n  made-up: warn\n",
        "rules.fw": "param p = 1\non response_headers set \"x\" = \"1\"\n",
      });
      const { results } = lintFiles(["."], { cwd: root });
      const project = results.find((r) => r.filePath === "filterc.yaml")!;
      expect(project.messages.map((m) => ({ ...located(project, m), hint: m.hint }))).toEqual([
        { ruleId: "unknown-rule", messageId: "unknownRule", line: 3, column: 3, endLine: 3, endColumn: 18, hint: "did you mean `no-unused-param`?" },
        { ruleId: "unknown-rule", messageId: "compileCode", line: 4, column: 3, endLine: 4, endColumn: 8, hint: expect.any(String) },
        { ruleId: "unknown-rule", messageId: "unknownRule", line: 5, column: 3, endLine: 5, endColumn: 10, hint: "`filterc lint --list-rules` prints every rule id" },
      ]);
      expect(results.find((r) => r.filePath === "rules.fw")!.messages).toEqual([]);
    });
  });
});
