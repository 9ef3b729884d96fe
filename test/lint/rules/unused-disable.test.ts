import { describe, expect, it } from "vitest";
import { lintSource } from "../../../compiler/lint/engine.js";
import { applyEdits } from "../../../compiler/lint/fix.js";
import { fixesOf, fixSource } from "../../../compiler/lint/fix-source.js";
import { Source } from "../../../grammar/source.js";
import { lintText, located, only } from "../helpers.js";

/** unused-disable is reported by the engine; no-unused-param gives the directives something to suppress. */
function lint(text: string, levels = only("unused-disable", "no-unused-param")) {
  const result = lintText(text, levels);
  return result.messages.map((m) => located(result, m));
}

describe("unused-disable", () => {
  describe("valid", () => {
    it.each([
      "# filterc-disable-next-line no-unused-param\nparam p = 1",
      "param p = 1 # filterc-disable no-unused-param",
      "# filterc-disable no-unused-param -- kept for the next release\nparam p = 1\nparam q = 2",
      "# filterc-disable-next-line\nparam p = 1",
      "# filterc-disable\nparam p = 1",
    ])("%s", (text) => {
      expect(lint(text)).toEqual([]);
    });

    it("is not reported for a rule that is switched off", () => {
      expect(lint("# filterc-disable-next-line no-unused-param\nparam p = 1\n", only("unused-disable"))).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("reports a next-line directive whose line has no such problem, at the rule id", () => {
      expect(lint("# filterc-disable-next-line no-unused-param\non request_headers log info \"x\"\nparam p = 1")).toEqual([
        { ruleId: "unused-disable", messageId: "unusedNextLine", line: 1, column: 29, endLine: 1, endColumn: 44 },
        { ruleId: "no-unused-param", messageId: "unused", line: 3, column: 7, endLine: 3, endColumn: 8 },
      ]);
    });

    it("reports each unused id of a directive, and not the used one", () => {
      expect(lint("# filterc-disable-next-line no-hop-by-hop-header, no-unused-param\nparam p = 1", only("unused-disable", "no-unused-param", "no-hop-by-hop-header"))).toEqual([
        { ruleId: "unused-disable", messageId: "unusedNextLine", line: 1, column: 29, endLine: 1, endColumn: 49 },
      ]);
    });

    it("reports a file-wide directive that suppresses nothing", () => {
      expect(lint('on request_headers log info "x"\n# filterc-disable no-unused-param')).toEqual([
        { ruleId: "unused-disable", messageId: "unusedFile", line: 2, column: 19, endLine: 2, endColumn: 34 },
      ]);
    });

    it("reports directives without ids that suppress nothing, at the whole comment", () => {
      expect(lint('# filterc-disable-next-line\non request_headers log info "x"\n# filterc-disable')).toEqual([
        { ruleId: "unused-disable", messageId: "unusedAllNextLine", line: 1, column: 1, endLine: 1, endColumn: 28 },
        { ruleId: "unused-disable", messageId: "unusedAllFile", line: 3, column: 1, endLine: 3, endColumn: 18 },
      ]);
    });

    it("is an error when configured so", () => {
      const result = lintText('# filterc-disable no-unused-param\non request_headers log info "x"', { "unused-disable": "error" });
      expect(result.messages.map((m) => [m.code, m.severity])).toEqual([["unused-disable", "error"]]);
    });
  });
});

describe("unused-disable fixes", () => {
  /** The text after one pass of the fixes, as `filterc lint --fix` makes its first pass. */
  function fixed(text: string, levels = only("unused-disable", "no-unused-param", "no-hop-by-hop-header")): string {
    const result = lintText(text, levels);
    return applyEdits(text, fixesOf(result)).output;
  }

  it.each([
    // A comment alone on its line goes with the line.
    ['# filterc-disable-next-line no-unused-param\non request_headers log info "x"\n', 'on request_headers log info "x"\n'],
    ['  # filterc-disable no-unused-param -- old\r\non request_headers log info "x"\r\n', 'on request_headers log info "x"\r\n'],
    ['on request_headers log info "x"\n# filterc-disable', 'on request_headers log info "x"\n'],
    // A comment after code goes with the blanks before it; the code stays.
    ['on request_headers log info "x"   # filterc-disable no-hop-by-hop-header\nparam p = 1 # filterc-disable-next-line\n', 'on request_headers log info "x"\nparam p = 1\n'],
    // One stale id of several: that id and its separator.
    ["# filterc-disable-next-line no-hop-by-hop-header, no-unused-param\nparam p = 1", "# filterc-disable-next-line no-unused-param\nparam p = 1"],
    ["# filterc-disable-next-line no-unused-param, no-hop-by-hop-header -- why\nparam p = 1", "# filterc-disable-next-line no-unused-param -- why\nparam p = 1"],
    // Every id stale: the comment, never a directive without ids (which would cover every rule).
    ['# filterc-disable-next-line no-unused-param, no-hop-by-hop-header\non request_headers log info "x"', 'on request_headers log info "x"'],
  ])("%j", (text, output) => {
    expect(fixed(text)).toBe(output);
  });

  it("keeps ids of rules that are switched off, and unknown ids, which the fix does not judge", () => {
    expect(fixed('# filterc-disable-next-line no-unused-param, no-hop-by-hop-header\non request_headers log info "x"', only("unused-disable", "no-unused-param"))).toBe('# filterc-disable-next-line no-hop-by-hop-header\non request_headers log info "x"');
    expect(fixed('# filterc-disable-next-line no-unused-param, no-such-rule\non request_headers log info "x"')).toBe('# filterc-disable-next-line no-such-rule\non request_headers log info "x"');
  });

  it("removes two stale ids next to each other over two passes, as the edits touch", () => {
    const text = "# filterc-disable-next-line no-unused-param, no-hop-by-hop-header, no-sensitive-log\nparam p = 1";
    const levels = only("unused-disable", "no-unused-param", "no-hop-by-hop-header", "no-sensitive-log");
    const outcome = fixSource(new Source("rules.fw", text), (source) => lintSource(source, { levels }));
    expect(outcome.output).toBe("# filterc-disable-next-line no-unused-param\nparam p = 1");
    expect([outcome.fixed, outcome.passes]).toEqual([2, 2]);
    expect(outcome.result.messages.map((m) => m.code)).toEqual(["W0001"]);
  });
});
