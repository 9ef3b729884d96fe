import type { Location, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { tokenize } from "../grammar/index.js";
import { Source } from "../grammar/source.js";
import { decodeString } from "../grammar/string-decoder.js";
import type { Analysis } from "./analysis.js";
import { uriOfPath } from "./analysis.js";
import { readText, relatedYamlFiles, yamlNames } from "./project-files.js";
import { contains, rangeOf } from "./ranges.js";
import { occurrencesOf, symbolAt, type NamedSymbol } from "./symbols-at.js";

/** The text of a file: the editor's buffer when it is open, else what is on disk. */
export type OpenText = (path: string) => string | undefined;

export function definitionAt(analysis: Analysis, offset: number): Location[] {
  const imported = importedFileAt(analysis, offset);
  if (imported !== undefined) return [{ uri: uriOfPath(imported), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  const at = symbolAt(analysis, offset);
  if (at === undefined) return [];
  const own = new Source(analysis.uri, analysis.text);
  return occurrencesOf(analysis, at.symbol)
    .filter((o) => o.declaration)
    .map((o) => ({ uri: analysis.uri, range: rangeOf(own, o.span) }));
}

/** The file an `import "path"` under the cursor names, resolved as compiler/imports.ts does, when it exists. */
function importedFileAt(analysis: Analysis, offset: number): string | undefined {
  if (analysis.path === undefined) return undefined;
  const tokens = tokenize(new Source(analysis.uri, analysis.text)).tokens;
  const at = tokens.findIndex((t, i) => t.type === "StringLiteral" && tokens[i - 1]?.type === "Import" && contains(t.span, offset));
  if (at < 0) return undefined;
  const token = tokens[at]!;
  const decoded = decodeString({ image: token.image, offset: token.span.start, quote: '"', closed: token.image.length > 1 && token.image.endsWith('"') });
  const text = decoded.parts.every((p) => p.kind === "text") ? decoded.parts.map((p) => (p.kind === "text" ? p.value : "")).join("") : undefined;
  if (text === undefined || text === "" || decoded.diagnostics.length > 0) return undefined;
  const path = resolve(dirname(analysis.path), text);
  return existsSync(path) ? path : undefined;
}

export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean, open: OpenText): Location[] {
  const at = symbolAt(analysis, offset);
  if (at === undefined) return [];
  return [...locations(analysis, at.symbol, open)].flatMap(([uri, edits]) =>
    edits.filter((e) => includeDeclaration || !e.declaration).map((e) => ({ uri, range: e.range })),
  );
}

export function prepareRenameAt(analysis: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const at = symbolAt(analysis, offset);
  return at === undefined ? null : { range: rangeOf(new Source(analysis.uri, analysis.text), at.span), placeholder: at.symbol.name };
}

/** A name the new text can be, or the reason it cannot. */
export function renameProblem(symbol: NamedSymbol, newName: string): string | undefined {
  if (symbol.kind === "rule") return /^[^"\\\n\r$]+$/.test(newName) ? undefined : "a rule name is non-empty text without quotes, backslashes, `$` or line breaks";
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) ? undefined : `a ${symbol.kind} name is letters, digits and _, not starting with a digit`;
}

export function renameAt(analysis: Analysis, offset: number, newName: string, open: OpenText): WorkspaceEdit | { problem: string } | null {
  const at = symbolAt(analysis, offset);
  if (at === undefined) return null;
  const problem = renameProblem(at.symbol, newName);
  if (problem !== undefined) return { problem };
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of locations(analysis, at.symbol, open)) changes[uri] = edits.map((e) => ({ range: e.range, newText: newName }));
  return { changes };
}

/**
 * Every place a symbol's name is written: the rule file, and for params and rules the plugin configuration in
 * filterc.yaml and the test case file (variables live only in the rule file).
 */
function locations(analysis: Analysis, symbol: NamedSymbol, open: OpenText): Map<string, { range: Range; declaration: boolean }[]> {
  const own = new Source(analysis.uri, analysis.text);
  const byUri = new Map<string, { range: Range; declaration: boolean }[]>();
  byUri.set(analysis.uri, occurrencesOf(analysis, symbol).map((o) => ({ range: rangeOf(own, o.span), declaration: o.declaration })));
  if (symbol.kind === "variable" || analysis.path === undefined) return byUri;
  for (const file of relatedYamlFiles(analysis.path)) {
    const text = readText(file, open);
    if (text === undefined) continue;
    const source = new Source(file, text);
    const names = yamlNames(text).filter((n) => n.kind === symbol.kind && n.name === symbol.name);
    if (names.length > 0) byUri.set(uriOfPath(file), names.map((n) => ({ range: rangeOf(source, n.span), declaration: false })));
  }
  return byUri;
}
