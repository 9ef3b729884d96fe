/**
 * A small document algebra and line-fitting layout, after Wadler's "A prettier printer" as Prettier implements
 * it. The printer (printer.ts) describes *where* lines may break; this module decides *which* break, so that
 * "on one line if it fits in 100 columns, else one part per line" is written once.
 *
 * Comments run to the end of the line, so they need more care than in most languages: a comment that is followed
 * by more code on the same output line would swallow that code. The layout therefore keeps end-of-line comments
 * pending until the next newline and starts a new line itself if anything but a `,` would otherwise follow one.
 * The printer places comments well in the usual positions; this rule keeps the output correct in the unusual ones.
 */

export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | CommentDoc | BreakParent;

export interface Group {
  readonly type: "group";
  readonly contents: Doc;
  /** Set by propagateBreaks when the contents hold a hard line or a comment: such a group can never be flat. */
  shouldBreak: boolean;
  readonly id?: symbol;
}

export interface Indent {
  readonly type: "indent";
  readonly contents: Doc;
}

/** A space (or nothing, when `soft`) if the enclosing group fits on the line, else a newline. `hard` always breaks. */
export interface Line {
  readonly type: "line";
  readonly soft: boolean;
  readonly hard: boolean;
}

/** Chooses by the mode of the enclosing group, or of the group `groupId` when given. */
export interface IfBreak {
  readonly type: "if-break";
  readonly breakContents: Doc;
  readonly flatContents: Doc;
  readonly groupId?: symbol;
}

/**
 * A `#` comment. `ownLine` comments start a line of their own; the others end the line they are put on (they are
 * written at the next newline, after any `,` that follows them).
 */
export interface CommentDoc {
  readonly type: "comment";
  readonly text: string;
  readonly ownLine: boolean;
}

/** Forces the enclosing groups to break. */
export interface BreakParent {
  readonly type: "break-parent";
}

export const line: Line = { type: "line", soft: false, hard: false };
export const softline: Line = { type: "line", soft: true, hard: false };
export const hardline: Line = { type: "line", soft: false, hard: true };
export const breakParent: BreakParent = { type: "break-parent" };

export function group(contents: Doc, id?: symbol): Group {
  return id === undefined ? { type: "group", contents, shouldBreak: false } : { type: "group", contents, shouldBreak: false, id };
}

export function indent(contents: Doc): Indent {
  return { type: "indent", contents };
}

export function ifBreak(breakContents: Doc, flatContents: Doc = "", groupId?: symbol): IfBreak {
  return groupId === undefined ? { type: "if-break", breakContents, flatContents } : { type: "if-break", breakContents, flatContents, groupId };
}

export function comment(text: string, ownLine: boolean): CommentDoc {
  return { type: "comment", text, ownLine };
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((doc, i) => (i === 0 ? [doc] : [separator, doc]));
}

/** Marks every group that contains a hard line or a comment, and the groups around it, as broken. */
export function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (isArray(doc)) {
    let breaks = false;
    for (const part of doc) breaks = propagateBreaks(part) || breaks;
    return breaks;
  }
  switch (doc.type) {
    case "group": {
      const breaks = propagateBreaks(doc.contents);
      if (breaks) doc.shouldBreak = true;
      return doc.shouldBreak;
    }
    case "indent":
      return propagateBreaks(doc.contents);
    case "if-break":
      // Either branch may be printed; a forced break in one of them must break the parents.
      return propagateBreaks(doc.breakContents) || propagateBreaks(doc.flatContents);
    case "line":
      return doc.hard;
    case "comment":
    case "break-parent":
      return true;
  }
}

type Mode = "break" | "flat";

interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

const INDENT_WIDTH = 2;

/** Text that may stay on the line of a pending end-of-line comment, written before the comment. */
const MAY_PRECEDE_PENDING_COMMENT = ",";

/** Lays a document out in `width` columns. The result has no trailing spaces and ends without a newline. */
export function layout(doc: Doc, width: number): string {
  propagateBreaks(doc);
  const out = new LineWriter();
  const groupModes = new Map<symbol, Mode>();
  const commands: Command[] = [{ indent: 0, mode: "break", doc }];
  while (commands.length > 0) {
    const { indent: ind, mode, doc: current } = commands.pop()!;
    if (typeof current === "string") {
      out.text(current, ind);
      continue;
    }
    if (isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) commands.push({ indent: ind, mode, doc: current[i]! });
      continue;
    }
    switch (current.type) {
      case "group": {
        const flat: Command = { indent: ind, mode: "flat", doc: current.contents };
        const chosen: Mode = !current.shouldBreak && (mode === "flat" || fits(flat, commands, width - out.columnFor(ind), groupModes)) ? "flat" : "break";
        if (current.id !== undefined) groupModes.set(current.id, chosen);
        commands.push({ indent: ind, mode: chosen, doc: current.contents });
        break;
      }
      case "indent":
        commands.push({ indent: ind + INDENT_WIDTH, mode, doc: current.contents });
        break;
      case "if-break": {
        const decidingMode = current.groupId === undefined ? mode : (groupModes.get(current.groupId) ?? "flat");
        commands.push({ indent: ind, mode, doc: decidingMode === "break" ? current.breakContents : current.flatContents });
        break;
      }
      case "line":
        if (mode === "flat" && !current.hard) {
          if (!current.soft) out.text(" ", ind);
        } else {
          out.newline(ind);
        }
        break;
      case "comment":
        out.comment(current, ind);
        break;
      case "break-parent":
        break;
    }
  }
  return out.finish();
}

/**
 * Whether `next` fits in `width` columns when printed flat, followed by the rest of the line: the commands after
 * it up to their first line break.
 */
function fits(next: Command, rest: readonly Command[], width: number, groupModes: ReadonlyMap<symbol, Mode>): boolean {
  const stack: Command[] = [next];
  let restIndex = rest.length;
  let remaining = width;
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex]!);
      continue;
    }
    const { indent: ind, mode, doc } = stack.pop()!;
    if (typeof doc === "string") {
      remaining -= textWidth(doc);
      continue;
    }
    if (isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ indent: ind, mode, doc: doc[i]! });
      continue;
    }
    switch (doc.type) {
      case "group":
        stack.push({ indent: ind, mode: doc.shouldBreak ? "break" : mode, doc: doc.contents });
        break;
      case "indent":
        stack.push({ indent: ind + INDENT_WIDTH, mode, doc: doc.contents });
        break;
      case "if-break": {
        const decidingMode = doc.groupId === undefined ? mode : (groupModes.get(doc.groupId) ?? "flat");
        stack.push({ indent: ind, mode, doc: decidingMode === "break" ? doc.breakContents : doc.flatContents });
        break;
      }
      case "line":
        if (mode === "break" || doc.hard) return true;
        if (!doc.soft) remaining -= 1;
        break;
      case "comment":
        // A comment's width never decides a layout: code is not broken up to make room for a remark. An own-line
        // comment ends the line being measured.
        if (doc.ownLine) return true;
        break;
      case "break-parent":
        break;
    }
  }
  return false;
}

/** Accumulates output lines, trimming trailing spaces and writing pending comments at the end of their line. */
class LineWriter {
  private readonly lines: string[] = [];
  private current = "";
  /** An end-of-line comment to write before the next newline. */
  private pending: string | undefined;
  /** An own-line comment was written: nothing more may follow on this line. */
  private closed = false;
  /** The indentation of that own-line comment. */
  private closedIndent = 0;

  /** Where the next text at indentation `ind` will start: on a new line if a comment ends the current one. */
  columnFor(ind: number): number {
    if (this.closed) return this.closedIndent;
    if (this.pending !== undefined) return ind + INDENT_WIDTH;
    return textWidth(this.current);
  }

  text(text: string, ind: number): void {
    // A separating space is not needed where a comment is about to end the line anyway.
    if (text.trim() === "" && (this.closed || this.pending !== undefined)) return;
    if (text === "") return;
    // Code after an own-line comment lines up with the comment; code cut off by an end-of-line comment continues
    // one level deeper, as a continuation of the line it was on.
    if (this.closed) this.newline(this.closedIndent);
    else if (this.pending !== undefined && text !== MAY_PRECEDE_PENDING_COMMENT) this.newline(ind + INDENT_WIDTH);
    // After a line break only the indentation leads a line: a separator space there would be a stray one.
    this.current += this.atLineStart() ? text.replace(/^ +/, "") : text;
  }

  comment(doc: CommentDoc, ind: number): void {
    const text = "#" + doc.text.trimEnd();
    // Two comments never share a line: the second would become part of the first.
    if (this.pending !== undefined || this.closed || (doc.ownLine && !this.atLineStart())) this.newline(ind);
    // A comment that starts its line is an own-line comment whatever it was meant to be, and the code after it
    // lines up with it.
    if (doc.ownLine || this.atLineStart()) {
      this.closedIndent = this.current.length;
      this.current += text;
      this.closed = true;
    } else {
      this.pending = text;
    }
  }

  newline(ind: number): void {
    this.endLine();
    this.current = " ".repeat(ind);
  }

  finish(): string {
    this.endLine();
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === "") this.lines.pop();
    return this.lines.join("\n");
  }

  private atLineStart(): boolean {
    return this.current.trim() === "" && this.pending === undefined && !this.closed;
  }

  private endLine(): void {
    // A pending comment always follows code: one that starts a line is written at once, as an own-line comment.
    const code = this.current.trimEnd();
    this.lines.push(this.pending === undefined ? code : `${code} ${this.pending}`);
    this.pending = undefined;
    this.closed = false;
  }
}

function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

function isArray(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc);
}
