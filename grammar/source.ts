/** A rule file's text and the name diagnostics print for it. Line and column come from offsets on demand. */
export class Source {
  private lineStarts: number[] | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  /**
   * The file an offset lies in and the offset within that file. A Source is one file, so that is itself; a program
   * composed of several files (compiler/source-set.ts) answers with the file, for diagnostics to name it.
   */
  locate(offset: number): { readonly file: Source; readonly offset: number } {
    return { file: this, offset };
  }

  /** The files whose text this is, in the order they are laid out: one here. */
  get files(): readonly Source[] {
    return [this];
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  line(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1).replace(/\r$/, "");
  }

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
