import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { editDistance, suggestedReplacement } from "../grammar/suggest.js";
import type { DiagnosticData } from "./diagnostics.js";

/**
 * The edits lint rules offer (their safe fix, preferred, and their suggestions) as quick fixes; and for a
 * diagnostic that offers none, a quick fix from a hint that proposes a replacement ("did you mean `response_headers`?"): the
 * replacement in place of the diagnostic's range. Only when the range's text is a plausible misspelling of the
 * replacement, so a hint that names a replacement for something else than the flagged text offers no wrong edit.
 */
export function quickFixes(document: TextDocument, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined;
    if (data?.edits !== undefined && data.edits.length > 0) {
      for (const edit of data.edits) {
        actions.push({
          title: edit.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          ...(edit.kind === "fix" ? { isPreferred: true } : {}),
          edit: { changes: { [document.uri]: [{ range: edit.range, newText: edit.newText }] } },
        });
      }
      continue;
    }
    const replacement = suggestedReplacement(data?.hint);
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
