import { describe, expect, it } from "vitest";
import { lintSource } from "../../compiler/lint/engine.js";
import { applyEdits } from "../../compiler/lint/fix.js";
import { messageFixes } from "../../compiler/lint/fix-edits.js";
import { fixSource, MAX_FIX_PASSES } from "../../compiler/lint/fix-source.js";
import { makeResult, type LintResult } from "../../compiler/lint/result.js";
import { SourceSet } from "../../compiler/source-set.js";
import { Source } from "../../grammar/source.js";
import { only } from "./helpers.js";

describe("applyEdits", () => {
  it("applies edits in text order whatever order they come in", () => {
    const edits = [
      { span: { start: 6, end: 11 }, text: "there" },
      { span: { start: 0, end: 5 }, text: "Hi" },
      { span: { start: 11, end: 11 }, text: "!" },
    ];
    // The insertion at 11 touches the edit that ends at 11: left for the next pass, as ESLint does.
    expect(applyEdits("hello world", edits)).toEqual({ output: "Hi there", applied: [edits[1], edits[0]], skipped: 1 });
  });

  it("skips an edit that overlaps one before it, and edits outside the text", () => {
    const result = applyEdits("abcdef", [
      { span: { start: 1, end: 4 }, text: "" },
      { span: { start: 2, end: 3 }, text: "X" },
      { span: { start: 5, end: 9 }, text: "" },
    ]);
    expect([result.output, result.skipped]).toEqual(["aef", 2]);
  });
});

/** A stand-in linter for the loop: each `aa` is a problem whose fix is `a`; `!` is a compile error. */
function fakeLint(source: Source): LintResult {
  const messages = [...source.text.matchAll(/aa/g)].map((m) => ({
    code: "fake",
    ruleId: "fake",
    severity: "warning" as const,
    message: "aa",
    span: { start: m.index, end: m.index + 2 },
    fix: { span: { start: m.index, end: m.index + 2 }, text: source.text.includes("break") ? "!" : "a" },
  }));
  const errors = [...source.text.matchAll(/!/g)].map((m) => ({ code: "E9999", severity: "error" as const, message: "bang", span: { start: m.index, end: m.index + 1 } }));
  return makeResult(source, [...messages, ...errors]);
}

describe("fixSource", () => {
  it("lints and fixes in passes until nothing is left to fix", () => {
    // aaaa: the two fixes touch at offset 2, so pass 1 applies one and the later passes the rest.
    const outcome = fixSource(new Source("f", "aaaa b"), fakeLint);
    expect(outcome).toMatchObject({ output: "a b", fixed: 3, passes: 3, rejected: [] });
    expect(outcome.result.messages).toEqual([]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes when fixes keep coming`, () => {
    const outcome = fixSource(new Source("f", "a".repeat(100)), fakeLint);
    expect(outcome.passes).toBe(MAX_FIX_PASSES);
    expect(outcome.output.length).toBeGreaterThan(1);
    expect(outcome.result.messages.length).toBeGreaterThan(0);
  });

  it("keeps the original whole when the fixed text has a compile error the original had not", () => {
    const source = new Source("f", "aa break");
    const outcome = fixSource(source, fakeLint);
    expect(outcome).toMatchObject({ output: "aa break", fixed: 0, passes: 0 });
    expect(outcome.rejected.map((m) => m.code)).toEqual(["E9999"]);
    expect(outcome.result.source).toBe(source);
  });

  it("fixes a real rule file until lint reports none of the fixable problems", () => {
    const text = [
      "# filterc-disable-next-line no-hop-by-hop-header -- from the old gateway",
      'on request_headers {',
      '  set "x-a" = "1"; set "x-a" = "2"',
      "  deny 403",
      '  log info "never"',
      "}",
      "",
    ].join("\n");
    const levels = only("unused-disable", "no-conflicting-set", "no-unreachable", "no-hop-by-hop-header");
    const outcome = fixSource(new Source("rules.fw", text), (source) => lintSource(source, { levels }));
    expect(outcome.output).toBe('on request_headers {\n  set "x-a" = "2"\n  deny 403\n}\n');
    expect([outcome.fixed, outcome.passes]).toEqual([3, 1]);
    expect(outcome.result.messages).toEqual([]);
  });
});

describe("messageFixes", () => {
  it("gives LSP text edits: 0-based lines, UTF-16 characters", () => {
    const text = 'on request_headers log info "😀 é"   # filterc-disable-next-line\non request_headers log info "x"\n';
    const result = lintSource(new Source("rules.fw", text), { levels: only("unused-disable") });
    const [fix] = messageFixes(result);
    // The emoji is two UTF-16 code units: the comment's blanks start at character 34.
    expect(fix!.edit).toEqual({ file: "rules.fw", range: { start: { line: 0, character: 34 }, end: { line: 0, character: 64 } }, newText: "", offsets: [34, 64] });
    expect(fix!.message.ruleId).toBe("unused-disable");
  });

  it("places a fix of a composed filter in the file that holds it", () => {
    const main = new Source("main.fw", 'on request_headers log info "m"\n');
    const shared = new Source("shared.fw", 'on request_headers log info "s"\n# filterc-disable\n');
    const set = new SourceSet([main, shared]);
    const start = set.text.indexOf("# filterc-disable");
    const result = makeResult(set, [{ code: "unused-disable", ruleId: "unused-disable", severity: "warning", message: "m", span: { start, end: start + 17 }, fix: { span: { start, end: start + 18 }, text: "" } }]);
    expect(messageFixes(result)[0]!.edit).toEqual({ file: "shared.fw", range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: "", offsets: [32, 50] });
  });
});
