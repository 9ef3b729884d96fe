import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { runCli, tempDir } from "../support/cli.js";
import { repoRoot } from "../support/paths.js";
import { mulberry32 } from "../fmt/generator.js";
import { LspClient } from "./client.js";

/** Pieces of the language and of broken input: what a half-typed edit inserts. */
const PIECES = [" ", "\n", "{", "}", '"', "(", ")", "[", "]", ",", "==", "!=", "${", "request.", "response.status", "header[\"x\"]", "when ", "and ", "or ", "not ", "on ", "rule \"r\" ", "param p = 1\n", "deny 403", "set \"x-a\" = \"b\"", "respnse_headers", "request_headers", "log warn ", "#", "matches \"[\"", "contains any ", "in [\"10.0.0.0/8\"]", "let v = 1 ", "else ", "for host \"a\" ", "é", "\t", "9", "'"];

let client: LspClient | undefined;
afterAll(async () => {
  await client?.stop();
});

it("survives 1,000 random edits of an example, and then publishes what `filterc lint --format json` reports", async () => {
  const dir = tempDir("filterc-lsp-edits-");
  const original = readFileSync(join(repoRoot, "examples/admin-gate.fw"), "utf8");
  const file = join(dir, "rules.fw");
  writeFileSync(file, original);
  // Edits come in bursts of ten, one change notification each (the protocol applies its changes in order), and the
  // server analyses each burst's result: a parse of broken text costs tens of milliseconds on a busy machine, so
  // analysing every one of the 1,000 versions would make this the slowest test of the suite.
  client = await LspClient.start(dir, { debounceMs: 0 });
  const uri = await client.open(file, original);
  let mirror = TextDocument.create(uri, "filterc", 1, original);
  // The same 1,000 edits every run.
  const next = mulberry32(19);
  const pick = (n: number) => Math.floor(next() * n);

  for (let burst = 0; burst < 100; burst++) {
    const changes = [];
    for (let i = 0; i < 10; i++) {
      const text = mirror.getText();
      const start = pick(text.length + 1);
      const end = next() < 0.4 ? Math.min(text.length, start + 1 + pick(12)) : start;
      const insert = next() < 0.8 ? PIECES[pick(PIECES.length)]! : "";
      const range = { start: mirror.positionAt(start), end: mirror.positionAt(end) };
      mirror = TextDocument.update(mirror, [{ range, text: insert }], mirror.version + 1);
      changes.push({ range, text: insert });
    }
    await client.change(uri, changes);
    await client.diagnostics(uri);
    // Every feature on half-typed text, now and then; each must answer, not fail.
    if (burst % 5 === 0) {
      const position = mirror.positionAt(pick(mirror.getText().length + 1));
      const textDocument = { uri };
      await client.request("textDocument/hover", { textDocument, position });
      await client.request("textDocument/completion", { textDocument, position });
      await client.request("textDocument/definition", { textDocument, position });
      await client.request("textDocument/references", { textDocument, position, context: { includeDeclaration: true } });
      await client.request("textDocument/documentSymbol", { textDocument });
      await client.request("textDocument/foldingRange", { textDocument });
      await client.request("textDocument/semanticTokens/full", { textDocument });
      await client.request("textDocument/formatting", { textDocument, options: { tabSize: 2, insertSpaces: true } });
    }
  }
  const published = await client.diagnostics(uri);
  expect(client.running).toBe(true);
  expect(client.stderr.join("")).not.toContain("filterc lsp:");

  writeFileSync(file, mirror.getText());
  const lint = runCli(["lint", "--format", "json", "rules.fw"], { cwd: dir });
  expect(lint.stderr).toBe("");
  const [result] = JSON.parse(lint.stdout) as { messages: { code: string; severity: string; message: string; hint?: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
  const expected = result!.messages.map((m) => ({
    code: m.code,
    severity: m.severity,
    message: m.hint === undefined ? m.message : `${m.message}\nhint: ${m.hint}`,
    range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } },
  }));
  expect(expected.length).toBeGreaterThan(0);
  expect(published.map(comparable)).toEqual(expected);
});

function comparable(d: Diagnostic) {
  return { code: d.code, severity: ["", "error", "warning", "info"][d.severity!], message: d.message, range: d.range };
}
