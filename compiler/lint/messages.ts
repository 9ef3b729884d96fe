import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { LintMessage } from "./result.js";
import type { Report, ReportData, RuleLevel, RuleMeta } from "./rule.js";

/** `{{name}}` placeholders filled from data. A placeholder without data is a bug in the rule, so it throws. */
export function fillTemplate(template: string, data: ReportData | undefined, where: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = data?.[key];
    if (value === undefined) throw new Error(`${where}: no data for {{${key}}}`);
    return String(value);
  });
}

/** A rule's report as a message, at the severity the configuration gives the rule. */
export function toMessage(meta: RuleMeta, level: Exclude<RuleLevel, "off">, report: Report): LintMessage {
  const template = meta.messages[report.messageId];
  if (template === undefined) throw new Error(`lint rule ${meta.id} has no message ${report.messageId}`);
  const where = `lint rule ${meta.id}, message ${report.messageId}`;
  const hintKey = report.hintId === undefined ? report.messageId : report.hintId;
  const hintTemplate = hintKey === null ? undefined : meta.hints?.[hintKey];
  if (report.hintId && hintTemplate === undefined) throw new Error(`lint rule ${meta.id} has no hint ${report.hintId}`);
  if (report.fix !== undefined && meta.fixable === undefined) throw new Error(`lint rule ${meta.id} reports a fix but its meta is not fixable`);
  if (report.suggestions !== undefined && meta.hasSuggestions === undefined) throw new Error(`lint rule ${meta.id} reports suggestions but its meta has none`);
  const base: Diagnostic = {
    code: meta.id,
    severity: level === "error" ? "error" : "warning",
    message: fillTemplate(template, report.data, where),
    span: report.span,
  };
  return {
    ...base,
    ...(hintTemplate === undefined ? {} : { hint: fillTemplate(hintTemplate, report.data, where) }),
    ...(report.related === undefined || report.related.length === 0 ? {} : { related: report.related }),
    ruleId: meta.id,
    messageId: report.messageId,
    ...(report.fix === undefined ? {} : { fix: report.fix }),
    ...(report.suggestions === undefined || report.suggestions.length === 0 ? {} : { suggestions: report.suggestions }),
  };
}
