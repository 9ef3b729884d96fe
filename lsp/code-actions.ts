import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { editDistance, suggestedReplacement } from "../grammar/suggest.js";
import type { DiagnosticData } from "./diagnostics.js";

/**
 * A quick fix for each diagnostic whose hint proposes a replacement ("did you mean `response_headers`?"): the
 * replacement in place of the diagnostic's range. Only when the range's text is a plausible misspelling of the
 * replacement, so a hint that names a replacement for something else than the flagged text offers no wrong edit.
 */
export function quickFixes(document: TextDocument, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const replacement = suggestedReplacement((diagnostic.data as DiagnosticData | undefined)?.hint);
    if (replacement === undefined) continue;
    const current = document.getText(diagnostic.range);
    if (!closeEnough(current, replacement)) continue;
    actions.push({
      title: `Change \`${current}\` to \`${replacement}\``,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText: replacement }] } },
    });
  }
  return actions;
}

function closeEnough(current: string, replacement: string): boolean {
  if (current === replacement || current.length === 0 || current.includes("\n")) return false;
  return current.toLowerCase() === replacement.toLowerCase() || editDistance(current, replacement) <= Math.max(2, Math.ceil(replacement.length / 2));
}
