import { describe, expect, it } from "vitest";
import { applyEdits } from "../../compiler/lint/fix.js";
import { messageFixes } from "../../compiler/lint/fix-edits.js";
import { fixesOf } from "../../compiler/lint/fix-source.js";
import { RULES } from "../../compiler/lint/rules/index.js";
import { lintText, only } from "./helpers.js";

/**
 * Suggestions: replacements that change what the filter does, which an editor offers and `--fix` never applies.
 * Each case: the rule, the text, and the text after each of its suggestions, which must then compile and no
 * longer be reported by the rule.
 */
const CASES: readonly { rule: string; code: string; suggested: readonly string[] }[] = [
  {
    rule: "no-add-singleton-header",
    code: 'on response_headers add "content-type" = "text/plain"',
    suggested: ['on response_headers set "content-type" = "text/plain"', 'on response_headers set_default "content-type" = "text/plain"'],
  },
  {
    rule: "no-set-set-cookie",
    code: 'on response_headers set "set-cookie" = "a=1"',
    suggested: ['on response_headers add "set-cookie" = "a=1"'],
  },
  {
    rule: "no-cidr-without-ip",
    code: 'on request_headers when request.header["x-real-ip"] in ["10.0.0.0/8"] deny 403',
    suggested: ['on request_headers when ip(request.header["x-real-ip"]) in ["10.0.0.0/8"] deny 403'],
  },
  {
    rule: "no-match-all-regex",
    code: 'on request_headers when request.header["x-id"] matches ".*" log info "id"',
    suggested: ['on request_headers when exists(request.header["x-id"]) log info "id"'],
  },
  {
    rule: "unknown-rule",
    code: '# filterc-disable-next-line no-unused-parm\non request_headers log info "x"',
    suggested: ['# filterc-disable-next-line no-unused-param\non request_headers log info "x"'],
  },
  {
    rule: "unknown-rule",
    code: '# filterc-disabel no-unused-param\non request_headers log info "x"',
    suggested: ['# filterc-disable no-unused-param\non request_headers log info "x"'],
  },
];

describe("suggestions", () => {
  it.each(CASES)("$rule: $code", ({ rule, code, suggested }) => {
    const result = lintText(code, only(rule));
    const [message] = result.messages.filter((m) => m.ruleId === rule);
    expect(RULES.get(rule)!.meta.hasSuggestions).toBe(true);
    expect(fixesOf(result), "a suggestion is not a fix: --fix leaves it").toEqual([]);
    const outputs = message!.suggestions!.map((s) => applyEdits(code, [s.fix]).output);
    expect(outputs).toEqual(suggested);
    for (const output of outputs) {
      const after = lintText(output, only(rule, "unused-disable"));
      expect(after.messages.filter((m) => m.ruleId === undefined && m.severity === "error").map((m) => m.message)).toEqual([]);
      expect(after.messages.filter((m) => m.ruleId === rule)).toEqual([]);
    }
  });

  it("reach editors as code actions of kind suggestion, titled by their description", () => {
    const result = lintText('on response_headers add "content-type" = "text/plain"', only("no-add-singleton-header"));
    expect(messageFixes(result).map((f) => [f.kind, f.title, f.edit.newText, f.edit.range])).toEqual([
      ["suggestion", "use `set`", "set", { start: { line: 0, character: 20 }, end: { line: 0, character: 23 } }],
      ["suggestion", "use `set_default`", "set_default", { start: { line: 0, character: 20 }, end: { line: 0, character: 23 } }],
    ]);
    const stale = lintText('# filterc-disable\non request_headers log info "x"', only("unused-disable"));
    expect(messageFixes(stale).map((f) => [f.kind, f.title])).toEqual([["fix", "remove the comment"]]);
  });
});
