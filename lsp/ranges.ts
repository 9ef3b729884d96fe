import type { Range } from "vscode-languageserver";
import type { Span } from "../grammar/ast.js";
import type { Source } from "../grammar/source.js";

/**
 * An LSP range of a span in a Source. LSP columns count UTF-16 code units, which is what JavaScript string
 * offsets count too, so a column is the offset minus its line's start.
 */
export function rangeOf(source: Source, span: Span): Range {
  const start = source.position(span.start);
  const end = source.position(Math.max(span.start, span.end));
  return { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } };
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
