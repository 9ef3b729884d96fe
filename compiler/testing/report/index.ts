import type { TestRun } from "../run-tests.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatText, type TextReportOptions } from "./text.js";

export { formatJson } from "./json.js";
export { formatJunit } from "./junit.js";
export { coverageShortfall, formatText, type TextReportOptions } from "./text.js";
export { lineDiff } from "./line-diff.js";

export const REPORT_FORMATS = ["text", "junit", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

export function formatReport(run: TestRun, format: ReportFormat, text: TextReportOptions): string {
  switch (format) {
    case "text":
      return formatText(run, text);
    case "junit":
      return formatJunit(run);
    case "json":
      return formatJson(run);
  }
}
