import { describe, expect, it } from "vitest";
import { lintFiles } from "../../compiler/lint/files.js";
import { lintText, only, tempTree } from "./helpers.js";

/**
 * Messages that point at another place of the filter (compiler/lint/place.ts): a line in the same file is
 * `on line N`; a place in another file of a composition names that file, as diagnostics print it, so the reader
 * is not sent to line N of the wrong file.
 */
function lintComposition(rule: string, files: Record<string, string>, first: string): string[] {
  const root = tempTree(files);
  const { results } = lintFiles([first], { cwd: root, levels: only(rule) });
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${r.source.position(m.span.start).line} ${m.message}${m.hint === undefined ? "" : ` (hint: ${m.hint})`}`));
}

function lintOne(rule: string, text: string): string[] {
  return lintText(text, only(rule)).messages.map((m) => `${m.message}${m.hint === undefined ? "" : ` (hint: ${m.hint})`}`);
}

const BASELINE = 'param blocked_agents = ["sqlmap", "nikto"]\non request_headers deny 403\n';

describe("no-unreachable names the file of the rule that ends the phase", () => {
  it("in another file", () => {
    const messages = lintComposition("no-unreachable", { "shared/baseline.fw": BASELINE, "api/gateway.fw": 'import "../shared/baseline.fw"\n\non request_headers set "x-a" = "1"\n' }, "api/gateway.fw");
    expect(messages).toEqual([
      "api/gateway.fw:3 this rule never runs: the rule at shared/baseline.fw:2 always ends request_headers processing with `deny` (hint: rules run in import order: put this rule above the import that brings in the rule at shared/baseline.fw:2, or give that rule a `when` condition)",
    ]);
  });

  it("in the importing file, for a rule of a file imported after it", () => {
    const files = { "shared/extra.fw": 'on request_headers set "x-a" = "1"\n', "api/gateway.fw": 'on request_headers deny 403\nimport "../shared/extra.fw"\n' };
    expect(lintComposition("no-unreachable", files, "api/gateway.fw")).toEqual([
      "shared/extra.fw:1 this rule never runs: the rule at api/gateway.fw:1 always ends request_headers processing with `deny` (hint: rules run in import order: move the import of shared/extra.fw above the rule at api/gateway.fw:1 (or above the import that brings it in), or give that rule a `when` condition)",
    ]);
  });

  it("in the same file, of a composition or not: only the line", () => {
    const text = 'import "../shared/extra.fw"\non request_headers deny 403\non request_headers set "x-a" = "1"\n';
    const messages = lintComposition("no-unreachable", { "shared/extra.fw": 'on response_headers set "x-b" = "1"\n', "api/gateway.fw": text }, "api/gateway.fw");
    expect(messages).toEqual(["api/gateway.fw:3 this rule never runs: the rule on line 2 always ends request_headers processing with `deny` (hint: move this rule above the rule on line 2, or give that rule a `when` condition)"]);
    expect(lintOne("no-unreachable", 'on request_headers deny 403\non request_headers set "x-a" = "1"')).toEqual([
      "this rule never runs: the rule on line 1 always ends request_headers processing with `deny` (hint: move this rule above the rule on line 1, or give that rule a `when` condition)",
    ]);
  });
});

describe("no-conflicting-set names the file of the rule that replaces the value", () => {
  it("a later rule in an imported file", () => {
    const files = { "shared/headers.fw": '# shared headers\non response_headers set "x-frame-options" = "DENY"\n', "api/gateway.fw": 'on response_headers set "x-frame-options" = "SAMEORIGIN"\nimport "../shared/headers.fw"\n' };
    expect(lintComposition("no-conflicting-set", files, "api/gateway.fw")).toEqual([
      "api/gateway.fw:1 this value of `x-frame-options` is never used: the rule at shared/headers.fw:2 sets `x-frame-options` to a different value whenever it runs (hint: keep one of them, or give them different conditions; for a fallback, put `set_default` after the rules that may set it)",
    ]);
  });

  it("a later rule in the importing file, reported in the imported one", () => {
    const files = { "shared/headers.fw": 'on response_headers set "x-frame-options" = "DENY"\n', "api/gateway.fw": 'import "../shared/headers.fw"\n\non response_headers set "x-frame-options" = "SAMEORIGIN"\n' };
    expect(lintComposition("no-conflicting-set", files, "api/gateway.fw")).toEqual([
      "shared/headers.fw:1 this value of `x-frame-options` is never used: the rule at api/gateway.fw:3 sets `x-frame-options` to a different value whenever it runs (hint: keep one of them, or give them different conditions; for a fallback, put `set_default` after the rules that may set it)",
    ]);
  });

  it("in the same file: only the line", () => {
    expect(lintOne("no-conflicting-set", 'on response_headers set "x-a" = "1"\non response_headers set "x-a" = "2"')).toEqual([
      "this value of `x-a` is never used: the rule on line 2 sets `x-a` to a different value whenever it runs (hint: keep one of them, or give them different conditions; for a fallback, put `set_default` after the rules that may set it)",
    ]);
    expect(lintOne("no-conflicting-set", 'on response_headers {\n  set "x-a" = "1"\n  set "x-a" = "2"\n}')).toEqual([
      "this value of `x-a` is never used: the same rule sets `x-a` again on line 3 (hint: keep one of the two `set`s)",
    ]);
  });
});

describe("response-rules-skip-local-replies names the file of the local reply", () => {
  it("in another file, and only the line in the same file", () => {
    const files = {
      "shared/baseline.fw": BASELINE + 'on response_headers set "x-b" = "1"\n',
      "api/gateway.fw": 'import "../shared/baseline.fw"\n\non response_headers set "x-a" = "1"\n',
    };
    const messages = lintComposition("response-rules-skip-local-replies", files, "api/gateway.fw");
    expect(messages.map((m) => m.replace(/ \(hint: .*\)$/, ""))).toEqual(
      expect.arrayContaining([
        "api/gateway.fw:3 this response rule does not run on the local replies of this file (`deny` at shared/baseline.fw:2): response rules only see responses from the upstream",
        "shared/baseline.fw:3 this response rule does not run on the local replies of this file (`deny` on line 2): response rules only see responses from the upstream",
      ]),
    );
    expect(messages).toHaveLength(2);
  });
});
