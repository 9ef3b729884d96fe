import type { Span } from "../../grammar/ast.js";

/**
 * A fix, ESLint's model: replace the text of `span` (offsets, end exclusive) with `text`. A removal has empty text,
 * an insertion an empty span. One fix is one edit, so two fixes can be compared for overlap by their spans alone.
 */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

export interface AppliedEdits {
  readonly output: string;
  /** The edits applied, in text order. */
  readonly applied: readonly TextEdit[];
  /** Edits left out because they overlap or touch one applied before them: the next pass re-lints and retries. */
  readonly skipped: number;
}

/**
 * Applies the edits that do not overlap, in text order. As in ESLint, an edit that starts where the previous one
 * ended is left out too: two insertions at one offset, or two removals that meet, can each be right alone and
 * wrong together (the second was computed against text the first has changed). The caller lints again and
 * applies what is still reported.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: TextEdit[] = [];
  const parts: string[] = [];
  let at = 0;
  let lastEnd = -1;
  for (const edit of sorted) {
    if (edit.span.start <= lastEnd || edit.span.start < 0 || edit.span.end > text.length || edit.span.end < edit.span.start) continue;
    parts.push(text.slice(at, edit.span.start), edit.text);
    at = edit.span.end;
    lastEnd = edit.span.end;
    applied.push(edit);
  }
  parts.push(text.slice(at));
  return { output: parts.join(""), applied, skipped: sorted.length - applied.length };
}
