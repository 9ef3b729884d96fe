import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, CompletionItem, Hover, Location, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { tempDir } from "../support/cli.js";
import { LspClient } from "./client.js";

const RULES = `param admin_networks = ["10.0.0.0/8"]

rule "admin" on request_headers
  when request.path starts_with "/admin" and not (source.address in admin_networks) {
    deny 403
  }
rule "hsts" on response_headers set "strict-transport-security" = "max-age=31536000"
`;

// The lint level turns off the warning that "hsts" does not run on admin's local reply: the server reads it.
const PROJECT = `lint:
  response-rules-skip-local-replies: off
pluginConfig:
  disabled_rules: [hsts]
`;

/** Edits and asserts run in order: one server, one project folder. */
describe("filterc lsp", () => {
  let dir: string;
  let client: LspClient;
  let uri: string;

  beforeAll(async () => {
    dir = tempDir("filterc-lsp-");
    writeFileSync(join(dir, "rules.fw"), RULES);
    writeFileSync(join(dir, "filterc.yaml"), PROJECT);
    client = await LspClient.start(dir);
    uri = await client.open(join(dir, "rules.fw"), RULES);
  });
  afterAll(async () => {
    await client?.stop();
  });

  const at = (text: string, needle: string, delta = 0) => {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split("\n");
    return { line: before.length - 1, character: before.at(-1)!.length };
  };

  it("publishes no diagnostics for a clean file, with the lint levels of filterc.yaml", async () => {
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("publishes an error at the misspelt phase, with its code, link and hint, and clears it once fixed", async () => {
    const start = at(RULES, "response_headers");
    await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + "response_headers".length } }, text: "response_header" }]);
    const [diagnostic, ...rest] = await client.diagnostics(uri);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: "E0201", severity: 1, source: "filterc", range: { start, end: { line: start.line, character: start.character + 15 } } });
    expect(diagnostic!.message).toContain("unknown phase `response_header`");
    expect(diagnostic!.message).toContain("did you mean `response_headers`?");
    expect(diagnostic!.codeDescription!.href).toMatch(/^file:\/\/.*docs\/diagnostics\.md#names-types-and-phases-e02xx$/);

    await client.change(uri, [{ range: { start: { line: start.line, character: start.character + 15 }, end: { line: start.line, character: start.character + 15 } }, text: "s" }]);
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("offers the hint's replacement as a quick fix that applies cleanly", async () => {
    const start = at(RULES, "response_headers");
    await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 16 } }, text: "respnse_headers" }]);
    const diagnostics = await client.diagnostics(uri);
    expect(diagnostics.map((d) => d.code)).toEqual(["E0201"]);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
    expect(actions).toHaveLength(1);
    expect(actions[0]!.kind).toBe("quickfix");
    const edit = actions[0]!.edit!.changes![uri]!;
    expect(edit).toEqual([{ range: diagnostics[0]!.range, newText: "response_headers" }]);
    await client.change(uri, edit.map((e) => ({ range: e.range, text: e.newText })));
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("hovers a field with its type, phases and the header it reads", async () => {
    const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: at(RULES, "request.path", 9) });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("`request.path`: string");
    expect(text).toContain("the request header `:path`");
    expect(text).toContain("`request_headers`");
    expect(hover.range).toEqual({ start: at(RULES, "request.path"), end: at(RULES, "request.path", 12) });
  });

  it("hovers a param with its default and the value filterc.yaml does not set", async () => {
    const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: at(RULES, "admin_networks)", 2) });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("`param admin_networks`: list");
    expect(text).toContain('Default: `["10.0.0.0/8"]`');
    expect(text).not.toContain("Configured in");
  });

  it("hovers a diagnostic with the explain text of its code", async () => {
    const start = at(RULES, "deny 403");
    await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 4 } }, text: "deni" }]);
    const diagnostics = await client.diagnostics(uri);
    expect(diagnostics.length).toBeGreaterThan(0);
    const code = String(diagnostics[0]!.code);
    const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: diagnostics[0]!.range.start });
    expect((hover.contents as { value: string }).value).toContain(`**${code}**`);
    await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 4 } }, text: "deny" }]);
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("completes phases after `on ` and fields after `when request.`", async () => {
    const end = { line: RULES.split("\n").length - 1, character: 0 };
    await client.change(uri, [{ range: { start: end, end }, text: "rule \"x\" on " }]);
    const phases = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: end.line, character: 12 } });
    expect(phases.map((c) => c.label)).toEqual(expect.arrayContaining(["request_headers", "response_headers", "request_body"]));
    expect(phases.map((c) => c.label)).not.toContain("deny");

    await client.change(uri, [{ range: { start: { line: end.line, character: 12 }, end: { line: end.line, character: 12 } }, text: "request_headers when request." }]);
    const fields = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: end.line, character: 41 } });
    const labels = fields.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(["path", "method", "header[…]", "query[…]"]));
    expect(labels).not.toContain("status");
    expect(fields.find((c) => c.label === "header[…]")!.insertText).toBe('header["$1"]');

    // The keywords the grammar takes after a complete condition: the actions, `and`, `or`, ...
    await client.change(uri, [{ range: { start: { line: end.line, character: 41 }, end: { line: end.line, character: 41 } }, text: "path == \"/\" " }]);
    const next = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: end.line, character: 53 } });
    expect(next.map((c) => c.label)).toEqual(expect.arrayContaining(["deny", "set", "and", "or", "redirect"]));
    expect(next.map((c) => c.label)).not.toContain("on");
    await client.change(uri, [{ range: { start: end, end: { line: end.line, character: 53 } }, text: "" }]);
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("goes to a param's definition from its use, and finds its references", async () => {
    const locations = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: at(RULES, "admin_networks)", 3) });
    expect(locations).toEqual([{ uri, range: { start: at(RULES, "admin_networks"), end: at(RULES, "admin_networks", 14) } }]);
    const references = await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position: at(RULES, "admin_networks"), context: { includeDeclaration: false } });
    expect(references).toEqual([{ uri, range: { start: at(RULES, "admin_networks)"), end: at(RULES, "admin_networks)", 14) } }]);
  });

  it("renames a rule in the rule file and in filterc.yaml's disabled_rules", async () => {
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: at(RULES, '"hsts"', 2), newName: "strict-transport" });
    const yamlUri = pathToFileURL(join(dir, "filterc.yaml")).href;
    expect(edit.changes![uri]).toEqual([{ range: { start: at(RULES, '"hsts"', 1), end: at(RULES, '"hsts"', 5) }, newText: "strict-transport" }]);
    expect(edit.changes![yamlUri]).toEqual([{ range: { start: at(PROJECT, "hsts"), end: at(PROJECT, "hsts", 4) }, newText: "strict-transport" }]);
    await expect(client.request("textDocument/rename", { textDocument: { uri }, position: at(RULES, "admin_networks"), newName: "9lives" })).rejects.toThrow(/letters, digits/);
  });

  it("formats the document through filterc fmt, and leaves a file with syntax errors alone", async () => {
    const messy = 'rule   "a"   on request_headers   deny 403\n';
    const other = await client.open(join(dir, "messy.fw"), messy);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: other }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: 'rule "a" on request_headers deny 403\n' }]);
    await client.change(other, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "{{ " }]);
    expect(await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: other }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    expect((await client.diagnostics(other)).length).toBeGreaterThan(0);
  });

  it("answers an outline and folding ranges", async () => {
    const symbols = await client.request<{ name: string; detail: string }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ["admin_networks", "param"],
      ["admin", "rule on request_headers"],
      ["hsts", "rule on response_headers"],
    ]);
    const folds = await client.request<{ startLine: number; endLine: number }[]>("textDocument/foldingRange", { textDocument: { uri } });
    expect(folds).toEqual([{ startLine: 2, endLine: 5 }]);
  });

  it("analyses open rule files again when filterc.yaml is saved with other lint levels", async () => {
    const yamlPath = join(dir, "filterc.yaml");
    const yamlUri = await client.open(yamlPath, PROJECT);
    const seen = client.publications(uri);
    const louder = "lint:\n  response-rules-skip-local-replies: error\n";
    writeFileSync(yamlPath, louder);
    await client.connection.sendNotification("textDocument/didSave", { textDocument: { uri: yamlUri } });
    const diagnostics = await client.nextDiagnostics(uri, seen);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["response-rules-skip-local-replies", 1]]);
    expect(diagnostics[0]!.codeDescription!.href).toMatch(/\/docs\/rules\/response-rules-skip-local-replies\.md$/);
  });

  it("is still running and wrote no error to its log", () => {
    expect(client.running).toBe(true);
    expect(client.stderr.join("")).not.toContain("filterc lsp:");
  });
});
