import type { Formatter } from "./context.js";
import { regionOf } from "./context.js";
import { fileTextEdit, type FileTextEdit } from "../fix-edits.js";

/**
 * For programs: one entry per file with every message, positions 1-based with exclusive ends (as ESLint's JSON).
 * `ruleId` is null for compile diagnostics, whose `code` is the compiler's (E0401). A message with a safe fix has
 * ESLint's `fix: { range: [start, end], text }` (offsets into the file's text), one with replacements for the user
 * to choose ESLint's `suggestions: [{ desc, fix }]`, and a file that `--fix` or
 * `--fix-dry-run` changed has its fixed text as `output`.
 */
const json: Formatter = (results) =>
  JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      messages: result.messages.map((m) => ({
        ruleId: m.ruleId ?? null,
        code: m.code,
        severity: m.severity,
        message: m.message,
        ...(m.hint === undefined ? {} : { hint: m.hint }),
        ...regionOf(result.source, m.span),
        ...(m.messageId === undefined ? {} : { messageId: m.messageId }),
        ...(m.related === undefined ? {} : { related: m.related.map((r) => ({ message: r.message, ...regionOf(result.source, r.span) })) }),
        ...(m.fix === undefined ? {} : { fix: jsonFix(fileTextEdit(result.source, m.fix)) }),
        ...(m.suggestions === undefined ? {} : { suggestions: m.suggestions.map((s) => ({ desc: s.desc, fix: jsonFix(fileTextEdit(result.source, s.fix)) })) }),
      })),
      ...(result.output === undefined ? {} : { output: result.output }),
    })),
  ) + "\n";

function jsonFix(edit: FileTextEdit) {
  return { range: edit.offsets, text: edit.newText };
}

export default json;
