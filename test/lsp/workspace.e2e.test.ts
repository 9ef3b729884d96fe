import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, Location, SemanticTokens, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { runCli, tempDir } from "../support/cli.js";
import { LspClient } from "./client.js";

const RULES = `# filterc-disable-next-line no-unused-param
param strict = true
param max_age = 600

rule "hsts" on response_headers
  when response.status < 500 set "strict-transport-security" = "max-age=\${max_age}"
rule "hide" on response_headers remove "server"
`;
const PROJECT = `pluginConfig:
  max_age: 3600
  enforce_rules: [hsts]
`;
const CASES = `cases:
  - name: a shorter max-age
    config: { max_age: 60, disabled_rules: ["hide"] }
    expect:
      response:
        headers: { strict-transport-security: "max-age=60" }
`;

const position = (text: string, needle: string, delta = 0) => {
  const before = text.slice(0, text.indexOf(needle) + delta).split("\n");
  return { line: before.length - 1, character: before.at(-1)!.length };
};

describe("filterc lsp across files", () => {
  let dir: string;
  let client: LspClient;
  let uri: string;

  beforeAll(async () => {
    dir = tempDir("filterc-lsp-ws-");
    writeFileSync(join(dir, "gateway.fw"), RULES);
    writeFileSync(join(dir, "filterc.yaml"), PROJECT);
    writeFileSync(join(dir, "gateway.test.yaml"), CASES);
    client = await LspClient.start(dir);
    uri = await client.open(join(dir, "gateway.fw"), RULES);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it("hovers a param with the value filterc.yaml configures", async () => {
    const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: position(RULES, "max_age}", 1) });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("Default: `600`");
    expect(text).toContain("Configured in filterc.yaml (`pluginConfig`): `3600`");
  });

  it("hovers an action keyword, an operator, a phase and a rule id in a comment", async () => {
    const hover = async (needle: string, delta = 0) =>
      ((await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: position(RULES, needle, delta) })).contents as { value: string }).value;
    expect(await hover('remove "server"')).toContain('`remove "h"`');
    expect(await hover("< 500")).toContain("Operator `<`");
    expect(await hover("response_headers")).toContain("proxy_on_response_headers");
    expect(await hover("no-unused-param", 3)).toContain("**no-unused-param** (lint rule)");
  });

  it("renames a param in the rule file, filterc.yaml's pluginConfig and the test cases' config", async () => {
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: position(RULES, "max_age ="), newName: "hsts_max_age" });
    const yamlUri = pathToFileURL(join(dir, "filterc.yaml")).href;
    const casesUri = pathToFileURL(join(dir, "gateway.test.yaml")).href;
    expect(Object.keys(edit.changes!).sort()).toEqual([casesUri, uri, yamlUri].sort());
    expect(edit.changes![uri]!.map((e) => e.range.start)).toEqual([position(RULES, "max_age ="), position(RULES, "max_age}")]);
    expect(edit.changes![yamlUri]).toEqual([{ range: { start: position(PROJECT, "max_age"), end: position(PROJECT, "max_age", 7) }, newText: "hsts_max_age" }]);
    expect(edit.changes![casesUri]).toEqual([{ range: { start: position(CASES, "max_age"), end: position(CASES, "max_age", 7) }, newText: "hsts_max_age" }]);
  });

  it("finds a rule's references in filterc.yaml's enforce_rules and the cases' disabled_rules", async () => {
    const hide = await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position: position(RULES, '"hide"', 2), context: { includeDeclaration: true } });
    const casesUri = pathToFileURL(join(dir, "gateway.test.yaml")).href;
    expect(hide).toEqual([
      { uri, range: { start: position(RULES, '"hide"', 1), end: position(RULES, '"hide"', 5) } },
      { uri: casesUri, range: { start: position(CASES, '"hide"', 1), end: position(CASES, '"hide"', 5) } },
    ]);
    const hsts = await client.request<Location[]>("textDocument/references", { textDocument: { uri }, position: position(RULES, '"hsts"', 2), context: { includeDeclaration: false } });
    expect(hsts).toEqual([{ uri: pathToFileURL(join(dir, "filterc.yaml")).href, range: { start: position(PROJECT, "hsts"), end: position(PROJECT, "hsts", 4) } }]);
  });

  it("goes from a name in filterc.yaml or the test cases to the rule or param, and completes rule lists there", async () => {
    const yamlUri = await client.open(join(dir, "filterc.yaml"), PROJECT);
    const rule = await client.request<Location[]>("textDocument/definition", { textDocument: { uri: yamlUri }, position: position(PROJECT, "hsts", 1) });
    expect(rule).toEqual([{ uri, range: { start: position(RULES, '"hsts"', 1), end: position(RULES, '"hsts"', 5) } }]);
    const casesUri = await client.open(join(dir, "gateway.test.yaml"), CASES);
    const param = await client.request<Location[]>("textDocument/definition", { textDocument: { uri: casesUri }, position: position(CASES, "max_age", 2) });
    expect(param).toEqual([{ uri, range: { start: position(RULES, "max_age ="), end: position(RULES, "max_age =", 7) } }]);
    const completions = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri: casesUri }, position: position(CASES, '"hide"]') });
    expect(completions.map((c) => c.label)).toEqual(["hsts", "hide"]);
    expect(client.stderr.join("")).not.toContain("filterc lsp:");
  });

  it("completes fields and params inside ${ }, and header names in a header string", async () => {
    const end = { line: RULES.split("\n").length - 1, character: 0 };
    const typed = 'rule "x" on request_headers set "x-a" = "${';
    await client.change(uri, [{ range: { start: end, end }, text: typed }]);
    const inside = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: end.line, character: typed.length } });
    expect(inside.map((c) => c.label)).toEqual(expect.arrayContaining(["request.path", "source.address", "max_age", "strict", "lower"]));
    const header = 'rule "x" on request_headers remove "x-';
    await client.change(uri, [{ range: { start: end, end: { line: end.line, character: typed.length } }, text: header }]);
    const headers = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: end.line, character: header.length } });
    expect(headers.map((c) => c.label)).toEqual(expect.arrayContaining(["x-forwarded-for", "x-request-id", "x-envoy-original-path"]));
    await client.change(uri, [{ range: { start: end, end: { line: end.line, character: header.length } }, text: "" }]);
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  it("classifies tokens: keywords, params, fields, strings, numbers, comments", async () => {
    const tokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", { textDocument: { uri } });
    const types = ["keyword", "string", "number", "operator", "comment", "parameter", "variable", "property", "function", "enumMember"];
    const decoded: { line: number; character: number; length: number; type: string }[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i]!;
      character = tokens.data[i]! === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
      decoded.push({ line, character, length: tokens.data[i + 2]!, type: types[tokens.data[i + 3]!]! });
    }
    const lines = RULES.split("\n");
    const text = (t: (typeof decoded)[number]) => lines[t.line]!.slice(t.character, t.character + t.length);
    const of = (type: string) => decoded.filter((t) => t.type === type).map(text);
    expect(of("comment")).toEqual(["# filterc-disable-next-line no-unused-param"]);
    expect(of("parameter")).toEqual(["strict", "max_age", "max_age"]);
    expect(of("property")).toEqual(["response", "status"]);
    expect(of("enumMember")).toEqual(["response_headers", "response_headers"]);
    expect(of("number")).toEqual(["600", "500"]);
    expect(of("keyword")).toEqual(expect.arrayContaining(["param", "rule", "on", "when", "set", "remove", "true"]));
  });

  it("formats a range only when the change lies within it", async () => {
    const text = 'rule "a" on request_headers deny 403\nrule   "b" on request_headers deny 404\n';
    const other = await client.open(join(dir, "two.fw"), text);
    const options = { tabSize: 2, insertSpaces: true };
    const second = await client.request<TextEdit[]>("textDocument/rangeFormatting", { textDocument: { uri: other }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }, options });
    expect(second).toEqual([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: 'rule "b" on request_headers deny 404\n' }]);
    const first = await client.request<TextEdit[]>("textDocument/rangeFormatting", { textDocument: { uri: other }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, options });
    expect(first).toEqual([]);
  });

  it("reports each open file's problems separately, and reads imports from disk", async () => {
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib", "common.fw"), 'rule "common" on request_headers set "x-common" = "1"\n');
    const main = await client.open(join(dir, "main.fw"), 'import "lib/common.fw"\nrule "common" on request_headers deny 403\n');
    const broken = await client.open(join(dir, "broken.fw"), "on request_header deny 403\n");
    const [duplicate] = await client.diagnostics(main);
    expect(duplicate).toMatchObject({ code: "E0290", range: { start: { line: 1 } } });
    expect(duplicate!.relatedInformation!.map((r) => r.location.uri)).toContain(pathToFileURL(join(dir, "lib", "common.fw")).href);
    expect((await client.diagnostics(broken)).map((d) => d.code)).toEqual(["E0201"]);
    const imported = await client.request<Location[]>("textDocument/definition", { textDocument: { uri: main }, position: { line: 0, character: 10 } });
    expect(imported).toEqual([{ uri: pathToFileURL(join(dir, "lib", "common.fw")).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    // The same as filterc lint says of the saved files.
    writeFileSync(join(dir, "main.fw"), 'import "lib/common.fw"\nrule "common" on request_headers deny 403\n');
    const lint = JSON.parse(runCli(["lint", "--format", "json", "main.fw"], { cwd: dir }).stdout) as { filePath: string; messages: { code: string; line: number }[] }[];
    expect(lint.find((r) => r.filePath === "main.fw")!.messages.map((m) => [m.code, m.line, m.column])).toEqual([[duplicate!.code, duplicate!.range.start.line + 1, duplicate!.range.start.character + 1]]);
  });
});
