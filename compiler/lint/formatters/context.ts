import type { Span } from "../../../grammar/ast.js";
import type { Source } from "../../../grammar/source.js";
import type { LintResult } from "../result.js";
import type { RuleMeta } from "../rule.js";

/** What a formatter may use besides the results. Everything is passed in: formatters read no environment. */
export interface FormatterContext {
  /** Every lint rule's meta, by id. */
  readonly rulesMeta: Readonly<Record<string, RuleMeta>>;
  /** Titles of compile diagnostic codes, by code (E0401), for formats that describe them. */
  readonly codeTitles: Readonly<Record<string, string>>;
  /** ANSI colors in `stylish`. */
  readonly color: boolean;
  /** The working directory: relative paths in the results are relative to it. */
  readonly cwd: string;
  readonly toolVersion: string;
}

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;

/** A span as 1-based lines and columns, the end exclusive (the column after the last character). */
export interface Region {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function regionOf(source: Source, span: Span): Region {
  const start = source.position(span.start);
  const end = source.position(Math.max(span.start, span.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/**
 * Where the package's documentation is published. Rule metadata holds repository-relative paths
 * (docs/rules/<id>.md); formats that need an absolute URI (SARIF helpUri) join them to this.
 */
export const DOCS_BASE_URL = "https://filterc.dev/";

export function docsUri(path: string): string {
  return new URL(path, DOCS_BASE_URL).href;
}

/** Where compile diagnostic codes are listed. */
export const DIAGNOSTICS_DOC = "docs/diagnostics.md";
