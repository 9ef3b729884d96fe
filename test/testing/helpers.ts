import type { Diagnostic } from "../../grammar/diagnostic.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";
import { loadCaseFile, type LoadOptions } from "../../compiler/testing/index.js";

/** Loads case-file text; `rendered` is what the CLI would print for its diagnostics. */
export function load(text: string, options: LoadOptions = {}, name = "cases.test.yaml") {
  const source = new Source(name, text);
  const loaded = loadCaseFile(source, options);
  return { ...loaded, rendered: renderDiagnostics(source, loaded.diagnostics), source };
}

/** `E0603 2:5 unknown key ... | hint`: a diagnostic in one line, for compact assertions. */
export function brief(source: Source, d: Diagnostic): string {
  const { line, column } = source.position(d.span.start);
  return `${d.code} ${line}:${column} ${d.message}${d.hint === undefined ? "" : ` | ${d.hint}`}`;
}
