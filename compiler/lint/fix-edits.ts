import type { Source } from "../../grammar/source.js";
import type { TextEdit } from "./fix.js";
import type { LintMessage, LintResult } from "./result.js";

/** A position as the Language Server Protocol counts it: 0-based line, and UTF-16 code units into the line. */
export interface LineCharacter {
  readonly line: number;
  readonly character: number;
}

/** A fix as an LSP `TextEdit` in the file that holds it, and the same fix as offsets into that file's text. */
export interface FileTextEdit {
  /** The file's name as diagnostics print it (a composition's messages may lie in an imported file). */
  readonly file: string;
  readonly range: { readonly start: LineCharacter; readonly end: LineCharacter };
  readonly newText: string;
  /** Offsets into the file's own text, end exclusive: ESLint's `fix.range`. */
  readonly offsets: readonly [number, number];
}

export interface MessageFix {
  readonly message: LintMessage;
  readonly edit: FileTextEdit;
  /** What the edit does, for a code action's title: the message's hint, or the suggestion's description. */
  readonly title: string;
  /** A safe fix (`--fix` applies it, an editor may mark it preferred), or a suggestion for the user to pick. */
  readonly kind: "fix" | "suggestion";
}

/**
 * Every fix and suggestion of a lint result, placed in its file: what an editor offers as code actions ("quick
 * fix") for the diagnostics it shows, and what `--format json` and `sarif` print. Pure: no file system. JavaScript strings are
 * UTF-16, so a column here is what LSP's default position encoding expects.
 */
export function messageFixes(result: LintResult): MessageFix[] {
  return result.messages.flatMap((message) => [
    ...(message.fix === undefined ? [] : [{ message, edit: fileTextEdit(result.source, message.fix), title: message.hint ?? message.message, kind: "fix" as const }]),
    ...(message.suggestions ?? []).map((s) => ({ message, edit: fileTextEdit(result.source, s.fix), title: s.desc, kind: "suggestion" as const })),
  ]);
}

export function fileTextEdit(source: Source, fix: TextEdit): FileTextEdit {
  const start = source.locate(fix.span.start);
  const end = source.locate(Math.max(fix.span.start, fix.span.end));
  const at = (file: Source, offset: number): LineCharacter => {
    const { line, column } = file.position(offset);
    return { line: line - 1, character: column - 1 };
  };
  return {
    file: start.file.name,
    range: { start: at(start.file, start.offset), end: at(start.file, end.offset) },
    newText: fix.text,
    offsets: [start.offset, end.offset],
  };
}
