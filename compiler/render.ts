import type { Diagnostic } from "../grammar/diagnostic.js";
import type { Source } from "../grammar/source.js";

export interface RenderOptions {
  /** ANSI colors; callers decide from NO_COLOR, FORCE_COLOR and whether the stream is a TTY. */
  readonly color?: boolean;
}

const styles = {
  error: "\u001b[1;31m",
  warning: "\u001b[1;33m",
  info: "\u001b[1;36m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  reset: "\u001b[0m",
};

/**
 * The human form of a diagnostic, laid out like rustc's:
 *
 *     error[E0201]: unknown phase `response_header`
 *      --> rules.fw:1:4
 *       |
 *     1 | on response_header set "a" = "b"
 *       |    ^^^^^^^^^^^^^^^
 *       = hint: did you mean `response_headers`?
 */
export function renderDiagnostic(source: Source, d: Diagnostic, options: RenderOptions = {}): string {
  const paint = (style: keyof typeof styles, text: string) => (options.color ? styles[style] + text + styles.reset : text);
  // A program of several files (compiler/source-set.ts) has spans in any of them: each frame shows its own file.
  const spans = [d.span, ...(d.related ?? []).map((r) => r.span)].map((span) => inFile(source, span));
  const width = Math.max(...spans.map(({ file, span }) => String(file.position(Math.max(span.start, span.end - 1)).line).length));
  const out: string[] = [];
  out.push(`${paint(d.severity, `${d.severity}[${d.code}]`)}${paint("bold", `: ${d.message}`)}`);
  const labels = [undefined, ...(d.related ?? []).map((r) => r.message)];
  spans.forEach(({ file, span }, i) => {
    const at = file.position(span.start);
    out.push(`${" ".repeat(width)}${paint("dim", "-->")} ${file.name}:${at.line}:${at.column}`);
    out.push(...frame(file, span, labels[i], width, paint));
  });
  if (d.hint !== undefined) out.push(`${" ".repeat(width)} ${paint("dim", "=")} ${paint("bold", "hint")}: ${d.hint}`);
  return out.join("\n");
}

/** The file a span lies in and the span within it. */
function inFile(source: Source, span: { start: number; end: number }): { file: Source; span: { start: number; end: number } } {
  const at = source.locate(span.start);
  return { file: at.file, span: { start: at.offset, end: at.offset + Math.max(0, span.end - span.start) } };
}

/**
 * Diagnostics of one code past this many in one file are counted, not shown: 5,000 warnings of one kind say no more
 * than the first few, and rendering them all costs time and memory that grow with the file. The JSON and SARIF
 * formats of `filterc lint` list every one.
 */
export const MAX_SHOWN_PER_CODE = 10;

/** Each file's diagnostics, at most MAX_SHOWN_PER_CODE of each code, followed by a count of the rest. */
export function renderDiagnostics(source: Source, diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  const { shown, notes } = capPerCode(source, diagnostics);
  return [...shown.map((d) => renderDiagnostic(source, d, options)), ...notes].join("\n\n");
}

/** Splits diagnostics into those shown (first MAX_SHOWN_PER_CODE of each code, in order) and a note per capped code. */
export function capPerCode(source: Source, diagnostics: readonly Diagnostic[]): { shown: Diagnostic[]; notes: string[] } {
  const seen = new Map<string, number>();
  const shown: Diagnostic[] = [];
  const omitted = new Map<string, { severity: string; count: number }>();
  for (const d of diagnostics) {
    const count = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, count);
    if (count <= MAX_SHOWN_PER_CODE) shown.push(d);
    else omitted.set(d.code, { severity: d.severity, count: count - MAX_SHOWN_PER_CODE });
  }
  const notes = [...omitted].map(([code, { severity, count }]) => `… and ${count.toLocaleString("en-US")} more ${severity}[${code}] in ${source.name}`);
  return { shown, notes };
}

/** `file:line:col: severity[code]: message`, one line, for grep-friendly and editor output. */
export function formatDiagnosticLine(source: Source, d: Diagnostic): string {
  const at = source.locate(d.span.start);
  const { line, column } = at.file.position(at.offset);
  return `${at.file.name}:${line}:${column}: ${d.severity}[${d.code}]: ${d.message}`;
}

function frame(
  source: Source,
  span: { start: number; end: number },
  label: string | undefined,
  width: number,
  paint: (style: keyof typeof styles, text: string) => string,
): string[] {
  const start = source.position(span.start);
  const end = source.position(Math.max(span.start, span.end - 1));
  const pad = " ".repeat(width);
  const out = [`${pad} ${paint("dim", "|")}`];
  const lastLine = Math.min(end.line, start.line + 3);
  for (let line = start.line; line <= lastLine; line++) {
    const text = source.line(line);
    const from = line === start.line ? start.column - 1 : firstNonSpace(text);
    const to = line === end.line ? Math.max(end.column, from + 1) : Math.max(text.length, from + 1);
    const shown = window(text, from, to);
    out.push(`${paint("dim", String(line).padStart(width) + " |")} ${shown.text}`);
    const carets = "^".repeat(Math.max(1, shown.to - shown.from));
    const suffix = line === lastLine && label !== undefined ? ` ${label}` : "";
    out.push(`${pad} ${paint("dim", "|")} ${" ".repeat(shown.from)}${paint("error", carets)}${suffix}`);
  }
  return out;
}

/** Characters of a source line shown in a frame; longer lines show a window around the caret, marked with `…`. */
export const MAX_LINE_SHOWN = 120;
/** How much of the line before the caret a window keeps. */
const CONTEXT_BEFORE = 40;

/** The part of `text` to print for carets under [from, to), and those columns within it. */
function window(text: string, from: number, to: number): { text: string; from: number; to: number } {
  if (text.length <= MAX_LINE_SHOWN) return { text, from, to };
  const start = Math.max(0, Math.min(from - CONTEXT_BEFORE, text.length - MAX_LINE_SHOWN));
  const end = start + MAX_LINE_SHOWN;
  const lead = start > 0 ? "…" : "";
  const shown = lead + text.slice(start, end) + (end < text.length ? "…" : "");
  const shift = lead.length - start;
  return { text: shown, from: from + shift, to: Math.min(to, end) + shift };
}

function firstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}
