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
  const spans = [d.span, ...(d.related ?? []).map((r) => r.span)];
  const width = Math.max(...spans.map((span) => String(source.position(Math.max(span.start, span.end - 1)).line).length));
  const out: string[] = [];
  out.push(`${paint(d.severity, `${d.severity}[${d.code}]`)}${paint("bold", `: ${d.message}`)}`);
  const start = source.position(d.span.start);
  out.push(`${" ".repeat(width)}${paint("dim", "-->")} ${source.name}:${start.line}:${start.column}`);
  out.push(...frame(source, d.span, undefined, width, paint));
  for (const related of d.related ?? []) {
    const at = source.position(related.span.start);
    out.push(`${" ".repeat(width)}${paint("dim", "-->")} ${source.name}:${at.line}:${at.column}`);
    out.push(...frame(source, related.span, related.message, width, paint));
  }
  if (d.hint !== undefined) out.push(`${" ".repeat(width)} ${paint("dim", "=")} ${paint("bold", "hint")}: ${d.hint}`);
  return out.join("\n");
}

export function renderDiagnostics(source: Source, diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  return diagnostics.map((d) => renderDiagnostic(source, d, options)).join("\n\n");
}

/** `file:line:col: severity[code]: message`, one line, for grep-friendly and editor output. */
export function formatDiagnosticLine(source: Source, d: Diagnostic): string {
  const { line, column } = source.position(d.span.start);
  return `${source.name}:${line}:${column}: ${d.severity}[${d.code}]: ${d.message}`;
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
    out.push(`${paint("dim", String(line).padStart(width) + " |")} ${text}`);
    const from = line === start.line ? start.column - 1 : firstNonSpace(text);
    const to = line === end.line ? Math.max(end.column, from + 1) : Math.max(text.length, from + 1);
    const carets = "^".repeat(Math.max(1, to - from));
    const suffix = line === lastLine && label !== undefined ? ` ${label}` : "";
    out.push(`${pad} ${paint("dim", "|")} ${" ".repeat(from)}${paint("error", carets)}${suffix}`);
  }
  return out;
}

function firstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}
