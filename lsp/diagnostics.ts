import { resolve } from "node:path";
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type Range } from "vscode-languageserver";
import type { LintMessage } from "../compiler/lint/result.js";
import type { Analysis } from "./analysis.js";
import { uriOfPath } from "./analysis.js";
import { codeHref } from "./code-links.js";
import { rangeOf } from "./ranges.js";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** An edit a lint rule offers for its finding (compiler/lint/fix-edits.ts): a safe fix, or a suggestion. */
export interface OfferedEdit {
  readonly title: string;
  readonly kind: "fix" | "suggestion";
  readonly range: Range;
  readonly newText: string;
}

/**
 * What code actions need back from a published diagnostic: the compiler's hint, which the message omits, and the
 * edits the lint rule offers (the same ones `filterc lint --fix` applies and `--format json` prints).
 */
export interface DiagnosticData {
  readonly hint?: string;
  readonly edits?: readonly OfferedEdit[];
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
  const edits = offeredEdits(analysis, message);
  const data: DiagnosticData = { ...(message.hint === undefined ? {} : { hint: message.hint }), ...(edits.length === 0 ? {} : { edits }) };
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

/** The rule's fix and suggestions that edit this document (an edit in an imported file is that file's to offer). */
function offeredEdits(analysis: Analysis, message: LintMessage): OfferedEdit[] {
  const { source } = analysis;
  const own = (start: number) => source.locate(start).file === source.files[0];
  const edits: OfferedEdit[] = [];
  if (message.fix !== undefined && own(message.fix.span.start)) {
    edits.push({ title: message.hint ?? message.message, kind: "fix", range: rangeOf(source, message.fix.span), newText: message.fix.text });
  }
  for (const suggestion of message.suggestions ?? []) {
    if (own(suggestion.fix.span.start)) edits.push({ title: suggestion.desc, kind: "suggestion", range: rangeOf(source, suggestion.fix.span), newText: suggestion.fix.text });
  }
  return edits;
}
