import { describe, expect, it } from "vitest";
import json from "../../../compiler/lint/formatters/json.js";
import { lintText } from "../helpers.js";
import { context, sampleResults } from "./support.js";

describe("json", () => {
  it("writes one entry per file with positions, codes and rule ids", () => {
    const parsed = JSON.parse(json(sampleResults(), context()));
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toEqual({ filePath: "rules/clean.fw", errorCount: 0, warningCount: 0, messages: [] });
    expect(parsed[0].errorCount).toBe(2);
    expect(parsed[0].messages[0]).toEqual({
      ruleId: "no-duplicate-rule-name",
      code: "no-duplicate-rule-name",
      severity: "error",
      message: 'rule name "a" is already used',
      hint: 'give each rule its own name: `disabled_rules: ["a"]` would switch off both',
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 9,
      messageId: "duplicate",
      related: [{ message: "first used here", line: 1, column: 6, endLine: 1, endColumn: 9 }],
    });
    expect(parsed[0].messages[1]).toMatchObject({ ruleId: null, code: "E0402", severity: "error", line: 2, column: 33 });
    expect(parsed[0].messages[1].messageId).toBeUndefined();
  });

  it("gives a fixable problem ESLint's fix, as offsets into its file, and a fixed file its output", () => {
    const result = lintText('# filterc-disable no-hop-by-hop-header\non request_headers log info "x"\n', undefined, "rules/stale.fw");
    const [entry] = JSON.parse(json([{ ...result, output: 'on request_headers log info "x"\n' }], context()));
    expect(entry.messages[0]).toMatchObject({ ruleId: "unused-disable", fix: { range: [0, 39], text: "" } });
    expect(entry.output).toBe('on request_headers log info "x"\n');
    expect(JSON.parse(json(sampleResults(), context()))[0].messages.every((m: object) => !("fix" in m))).toBe(true);
  });

  it("gives a problem with replacements to choose from ESLint's suggestions", () => {
    const result = lintText('on response_headers set "set-cookie" = "a=1"\n', undefined, "rules/cookie.fw");
    const [entry] = JSON.parse(json([result], context()));
    expect(entry.messages[0]).toMatchObject({ ruleId: "no-set-set-cookie", suggestions: [{ desc: "use `add` to add one cookie", fix: { range: [20, 23], text: "add" } }] });
    expect(entry.messages[0].fix).toBeUndefined();
  });

  it("writes an empty array for no results", () => {
    expect(json([], context())).toBe("[]\n");
  });
});
