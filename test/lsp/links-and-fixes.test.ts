import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ALL_CODES } from "../../compiler/explain.js";
import { suggestedReplacement } from "../../grammar/suggest.js";
import { analyze } from "../../lsp/analysis.js";
import { codeHref, slug } from "../../lsp/code-links.js";
import { quickFixes } from "../../lsp/code-actions.js";
import { toLspDiagnostics } from "../../lsp/diagnostics.js";
import { repoRoot } from "../support/paths.js";

/** The quick fixes the server offers for a buffer, and the text after applying each one alone. */
function fixed(text: string): string[] {
  const uri = "untitled:rules.fw";
  const diagnostics = toLspDiagnostics(analyze(uri, text, undefined), undefined);
  const document = TextDocument.create(uri, "filterc", 1, text);
  return quickFixes(document, diagnostics).map((action) => TextDocument.applyEdits(document, action.edit!.changes![uri]!));
}

describe("quick fixes from did-you-mean hints", () => {
  it("reads the replacement a hint proposes, and nothing from other hints", () => {
    expect(suggestedReplacement("did you mean `response_headers`?")).toBe("response_headers");
    expect(suggestedReplacement("did you mean `for host suffix`? (a scope is ...)")).toBe("for host suffix");
    expect(suggestedReplacement("write `warn`")).toBeUndefined();
    expect(suggestedReplacement(undefined)).toBeUndefined();
  });

  it("fixes a misspelt phase, field, action and param", () => {
    expect(fixed('on response_header set "a" = "b"\n')).toEqual(['on response_headers set "a" = "b"\n']);
    expect(fixed('on request_headers when request.pth == "/" deny 403\n')).toEqual(['on request_headers when request.path == "/" deny 403\n']);
    expect(fixed("param limit_n = 3\non request_headers when request.port > limit_m deny 403\n")).toEqual(["param limit_n = 3\non request_headers when request.port > limit_n deny 403\n"]);
  });

  it("offers no fix for a hint that proposes no replacement", () => {
    const text = 'on request_headers log warning "x"\n';
    expect(analyze("untitled:rules.fw", text, undefined).messages.map((m) => m.hint)).toEqual(["write `warn`"]);
    expect(fixed(text)).toEqual([]);
  });
});

describe("code links", () => {
  const docs = readFileSync(join(repoRoot, "docs/diagnostics.md"), "utf8");
  const anchors = new Set([...docs.matchAll(/^##\s+(.*)$/gm)].map((m) => slug(m[1]!)));

  it("links a compile code to the section of docs/diagnostics.md that lists it", () => {
    expect(codeHref("E0201")).toMatch(/\/docs\/diagnostics\.md#names-types-and-phases-e02xx$/);
    for (const code of Object.keys(ALL_CODES)) {
      if (!docs.includes(`| ${code} |`)) continue;
      const anchor = new URL(codeHref(code)!).hash.slice(1);
      expect(anchors.has(anchor), `${code} -> #${anchor}`).toBe(true);
    }
  });

  it("links a lint rule to its page, a file that exists in the package", () => {
    const href = codeHref("no-unused-param")!;
    expect(href).toMatch(/\/docs\/rules\/no-unused-param\.md$/);
    expect(existsSync(fileURLToPath(href))).toBe(true);
  });
});

describe("quick fixes from lint rules", () => {
  it("offers a rule's safe fix (preferred) and its suggestions, and the fix applies as lint --fix does", () => {
    const uri = "untitled:rules.fw";
    const text = 'on request_headers {\n  set "x-a" = "1"\n  set "x-a" = "2"\n}\non response_headers add "content-type" = "text/plain"\n';
    const diagnostics = toLspDiagnostics(analyze(uri, text, undefined), undefined);
    const document = TextDocument.create(uri, "filterc", 1, text);
    const actions = quickFixes(document, diagnostics);
    const conflicting = actions.filter((a) => a.diagnostics![0]!.code === "no-conflicting-set");
    expect(conflicting.map((a) => a.isPreferred)).toEqual([true]);
    expect(TextDocument.applyEdits(document, conflicting[0]!.edit!.changes![uri]!)).toBe('on request_headers {\n  set "x-a" = "2"\n}\non response_headers add "content-type" = "text/plain"\n');
    const singleton = actions.filter((a) => a.diagnostics![0]!.code === "no-add-singleton-header");
    expect(singleton.length).toBeGreaterThan(0);
    expect(singleton.every((a) => a.isPreferred === undefined)).toBe(true);
    expect(singleton.map((a) => TextDocument.applyEdits(document, a.edit!.changes![uri]!))).toContain('on request_headers {\n  set "x-a" = "1"\n  set "x-a" = "2"\n}\non response_headers set "content-type" = "text/plain"\n');
  });
});
