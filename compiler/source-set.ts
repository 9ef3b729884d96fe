import { Source } from "../grammar/source.js";

/** One file of a SourceSet and where its text starts in the set's offsets. */
export interface PlacedFile {
  readonly source: Source;
  readonly base: number;
}

/**
 * Several rule files as one Source, so that the checker, the code generator and lint keep working with plain
 * offsets: file `i`'s text is laid out at `base(i)`, each followed by a line break so that no two files share a
 * line. `text.slice(span.start, span.end)` is the spanned text as in one file; `position` answers the line and
 * column within the file the offset lies in, and `locate` names that file (what diagnostics, the rule map,
 * traces and coverage print).
 */
export class SourceSet extends Source {
  private readonly placed: readonly PlacedFile[];

  constructor(files: readonly Source[]) {
    if (files.length === 0) throw new Error("a SourceSet needs at least one file");
    const placed: PlacedFile[] = [];
    let base = 0;
    for (const source of files) {
      placed.push({ source, base });
      base += source.text.length + 1;
    }
    super(files[0]!.name, files.map((f) => f.text + "\n").join(""));
    this.placed = placed;
  }

  /** Where each file's offsets start, for composing spans that were parsed file by file. */
  static bases(files: readonly Source[]): number[] {
    const bases: number[] = [];
    let base = 0;
    for (const source of files) {
      bases.push(base);
      base += source.text.length + 1;
    }
    return bases;
  }

  override get files(): readonly Source[] {
    return this.placed.map((p) => p.source);
  }

  override locate(offset: number): { readonly file: Source; readonly offset: number } {
    let lo = 0;
    let hi = this.placed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.placed[mid]!.base <= offset) lo = mid;
      else hi = mid - 1;
    }
    const file = this.placed[lo]!;
    return { file: file.source, offset: Math.min(offset - file.base, file.source.text.length) };
  }

  /** The first offset and the end of a file's text, in the set's offsets. */
  extent(file: Source): { start: number; end: number } {
    const found = this.placed.find((p) => p.source === file)!;
    return { start: found.base, end: found.base + found.source.text.length };
  }

  /** The line and column within the file the offset lies in. */
  override position(offset: number): { line: number; column: number } {
    const at = this.locate(offset);
    return at.file.position(at.offset);
  }
}
