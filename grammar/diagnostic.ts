import type { Span } from "./ast.js";

export type Severity = "error" | "warning" | "info";

/** A secondary location that explains the primary one ("first declared here"). */
export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/**
 * A problem in the user's input. Diagnostics are data: every phase returns them and none throws for bad input.
 * `code` is stable (documented by `filterc explain CODE`); `message` says what is wrong; `hint` what to do.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
  readonly related?: readonly RelatedSpan[];
}

export function error(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: "error", message, span } : { code, severity: "error", message, span, hint };
}

export function warning(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: "warning", message, span } : { code, severity: "warning", message, span, hint };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** The long form of a diagnostic code, printed by `filterc explain CODE`. Each phase keeps its own table. */
export interface CodeDoc {
  readonly title: string;
  /** Markdown: what triggers it, an incorrect and a correct example, how to fix it. */
  readonly explanation: string;
}
