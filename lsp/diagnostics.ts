import { resolve } from "node:path";
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver";
import type { LintMessage } from "../compiler/lint/result.js";
import type { Analysis } from "./analysis.js";
import { uriOfPath } from "./analysis.js";
import { codeHref } from "./code-links.js";
import { rangeOf } from "./ranges.js";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What code actions need back from a published diagnostic: the compiler's hint, which the message omits. */
export interface DiagnosticData {
  readonly hint?: string;
}

/**
 * The analysis's lint messages as LSP diagnostics: the message, then the hint on its own line (as the terminal
 * report prints it), the code with a link to its documentation, and related places (in imported files too).
 */
export function toLspDiagnostics(analysis: Analysis, root: string | undefined): LspDiagnostic[] {
  return analysis.messages.map((message) => toLspDiagnostic(analysis, message, root));
}

function toLspDiagnostic(analysis: Analysis, message: LintMessage, root: string | undefined): LspDiagnostic {
  const { source } = analysis;
  const href = codeHref(message.code);
  const related: DiagnosticRelatedInformation[] = (message.related ?? []).map((r) => {
    const at = source.locate(r.span.start);
    const own = at.file === source.files[0];
    const uri = own ? analysis.uri : uriOfPath(resolve(root ?? process.cwd(), at.file.name));
    const length = r.span.end - r.span.start;
    return { location: { uri, range: rangeOf(at.file, { start: at.offset, end: at.offset + length }) }, message: r.message };
  });
  const data: DiagnosticData = message.hint === undefined ? {} : { hint: message.hint };
  return {
    range: rangeOf(source, message.span),
    severity: SEVERITY[message.severity],
    code: message.code,
    ...(href === undefined ? {} : { codeDescription: { href } }),
    source: "filterc",
    message: message.hint === undefined ? message.message : `${message.message}\nhint: ${message.hint}`,
    ...(related.length === 0 ? {} : { relatedInformation: related }),
    data,
  };
}
