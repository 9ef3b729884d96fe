import type { Range, TextEdit } from "vscode-languageserver";
import { formatSource } from "../compiler/format.js";
import { Source } from "../grammar/source.js";

/**
 * `filterc fmt` of the buffer, as one edit that replaces what changed. A file with syntax errors is left as it is
 * (no edits), as `filterc fmt` leaves it. A range format formats the whole file but keeps only the edit when it
 * lies within the lines of the range, so text outside the selection never moves.
 */
export function formatText(text: string, name: string, range?: Range): TextEdit[] {
  const result = formatSource(new Source(name, text));
  if (result.text === undefined || !result.changed) return [];
  const edit = minimalEdit(text, result.text);
  // The edit replaces whole lines: the last it touches is the one before its end when it ends at a line's start.
  const lastLine = edit.range.end.character === 0 && edit.range.end.line > edit.range.start.line ? edit.range.end.line - 1 : edit.range.end.line;
  if (range !== undefined && (edit.range.start.line < range.start.line || lastLine > range.end.line)) return [];
  return [edit];
}

/** One edit from the common prefix to the common suffix of whole lines, so the cursor above and below stays. */
function minimalEdit(before: string, after: string): TextEdit {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const lastA = a.length - tail;
  const newText = b.slice(head, b.length - tail).map((line) => line + "\n").join("");
  // Replace whole lines [head, lastA): the end is the start of line lastA, or the end of the text.
  const end = lastA < a.length ? { line: lastA, character: 0 } : { line: a.length - 1, character: a[a.length - 1]!.length };
  const text = lastA < a.length ? newText : newText.replace(/\n$/, "");
  return { range: { start: { line: head, character: 0 }, end }, newText: text };
}
