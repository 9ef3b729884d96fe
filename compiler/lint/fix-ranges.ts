import type { Comment, Span } from "../../grammar/ast.js";
import type { TextEdit } from "./fix.js";

/**
 * Removals that leave tidy text behind, for the fixes of lint rules: a piece of code or a comment alone on its
 * lines goes with its lines (so no blank line is left), one beside other code goes with the blanks and the `;`
 * that separated it. What follows on the line (another action, a `}`, a comment) stays.
 */
export function removal(text: string, span: Span): TextEdit {
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, span.start));
  let end = skipBlanks(text, span.end);
  if (text[end] === ";") end = skipBlanks(text, end + 1);
  const lineBreak = text.startsWith("\r\n", end) ? 2 : text[end] === "\n" ? 1 : end === text.length ? 0 : -1;
  if (aloneBefore && lineBreak >= 0) return { span: { start: lineStart, end: end + lineBreak }, text: "" };
  if (lineBreak >= 0) {
    // The last thing on its line after other code: the blanks before it go, the line break stays.
    let start = span.start;
    while (start > lineStart && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
    return { span: { start, end }, text: "" };
  }
  // Other code or a comment follows on the line: it moves to where this began.
  return { span: { start: span.start, end }, text: "" };
}

/** Whether a comment starts inside `span`: a fix that removed it would lose what someone wrote, so none is offered. */
export function coversComment(comments: readonly Comment[], span: Span): boolean {
  return comments.some((c) => c.span.start >= span.start && c.span.start < span.end);
}

function skipBlanks(text: string, from: number): number {
  let at = from;
  while (text[at] === " " || text[at] === "\t") at++;
  return at;
}
