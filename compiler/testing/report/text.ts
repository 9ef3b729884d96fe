import { basename } from "node:path";
import type { CaseResult, FileResult } from "../case-result.js";
import { formatPercent, totalCoverage, type CoverageReport } from "../coverage.js";
import type { Mismatch } from "../mismatch.js";
import type { TestRun } from "../run-tests.js";
import { lineDiff } from "./line-diff.js";

export interface TextReportOptions {
  /** ✓ and ✗ on a terminal; PASS and FAIL in logs, where they are easy to grep. */
  readonly symbols: "unicode" | "ascii";
  readonly color: boolean;
}

const styles = { pass: "\u001b[32m", fail: "\u001b[31m", bold: "\u001b[1m", dim: "\u001b[2m", reset: "\u001b[0m" };
type Style = keyof typeof styles;

/**
 * The human report: each case file with its cases, a diff under every failing case, the summary line
 * `N passed, N failed` on a line of its own, then rule coverage.
 */
export function formatText(run: TestRun, options: TextReportOptions): string {
  const paint = (style: Style, text: string) => (options.color ? styles[style] + text + styles.reset : text);
  const out: string[] = [];
  for (const file of run.files) out.push(...fileLines(file, options, paint), "");
  out.push(`${run.passed} passed, ${run.failed} failed`);
  for (const report of run.coverage) out.push("", ...coverageLines(report, options, paint));
  if (run.coverage.length > 1) {
    const total = totalCoverage(run.coverage);
    out.push("", paint("bold", `coverage of all ${run.coverage.length} rule files: ${total.fired} of ${total.total} rules fired (${formatPercent(total.percent)})`));
  }
  return out.join("\n") + "\n";
}

function fileLines(file: FileResult, options: TextReportOptions, paint: (s: Style, t: string) => string): string[] {
  const out = [paint("bold", `${file.caseFile}`) + paint("dim", ` (${file.filterPath})`)];
  for (const result of file.cases) out.push(...caseLines(file, result, options, paint));
  return out;
}

function caseLines(file: FileResult, result: CaseResult, options: TextReportOptions, paint: (s: Style, t: string) => string): string[] {
  const unicode = options.symbols === "unicode";
  if (result.passed) return [`  ${paint("pass", unicode ? "✓" : "PASS")} ${result.name}`];
  const out = [`  ${paint("fail", unicode ? "✗" : "FAIL")} ${result.name} ${paint("dim", `(${file.caseFile}:${result.line})`)}`];
  out.push(...failureLines(result, unicode ? "    " : "       ", paint));
  return out;
}

/** Why a case failed: the trap or load failure, then every failed check. Plain text without `paint`. */
export function failureLines(result: CaseResult, indent = "", paint: (s: Style, t: string) => string = (_s, t) => t): string[] {
  const out: string[] = [];
  if (result.failure !== undefined) out.push(indent + paint("fail", result.failure));
  for (const mismatch of result.mismatches) out.push(...mismatchLines(mismatch, indent, paint));
  return out;
}

/** One failed check: the expected and actual values aligned under its name, or a line diff for bodies. */
function mismatchLines(m: Mismatch, indent: string, paint: (s: Style, t: string) => string): string[] {
  const out = [indent + paint("bold", m.what)];
  if (m.texts !== undefined) {
    out.push(`${indent}  (${paint("pass", "- expected")}, ${paint("fail", "+ actual")})`);
    for (const line of lineDiff(m.texts.expected, m.texts.actual)) {
      const style: Style | undefined = line.startsWith("-") ? "pass" : line.startsWith("+") ? "fail" : undefined;
      out.push(`${indent}  ${style === undefined ? line : paint(style, line)}`);
    }
    return out;
  }
  out.push(...labelled("expected:", m.expected, indent, (t) => paint("pass", t)));
  out.push(...labelled("actual:  ", m.actual, indent, (t) => paint("fail", t)));
  return out;
}

/** A value that spans lines (a list of log lines) continues under its first line. */
function labelled(label: string, value: string, indent: string, paint: (t: string) => string): string[] {
  const [first, ...rest] = value.split("\n");
  const pad = " ".repeat(label.length + 1);
  return [`${indent}  ${label} ${paint(first!)}`, ...rest.map((line) => `${indent}  ${pad}${paint(line)}`)];
}

function coverageLines(report: CoverageReport, options: TextReportOptions, paint: (s: Style, t: string) => string): string[] {
  const out = [paint("bold", `coverage ${report.ruleFile}: ${report.fired} of ${report.total} rules fired (${formatPercent(report.percent)})`)];
  const width = Math.max(0, ...report.rules.map((r) => r.label.length));
  const unicode = options.symbols === "unicode";
  for (const rule of report.rules) {
    const mark = rule.hits > 0 ? paint("pass", unicode ? "✓" : "+") : paint("fail", unicode ? "✗" : "-");
    const count = rule.hits > 0 ? `fired ${rule.hits} time${rule.hits === 1 ? "" : "s"}` : paint("fail", "never fired");
    out.push(`  ${mark} ${rule.label.padEnd(width)}  ${count}`);
  }
  return out;
}

/** For --fail-under: the line that says why the run failed although every case passed. */
export function coverageShortfall(percent: number, threshold: number, reports: readonly CoverageReport[]): string {
  const files = reports.length === 1 ? basename(reports[0]!.ruleFile) : `${reports.length} rule files`;
  return `rule coverage ${formatPercent(percent)} of ${files} is under --fail-under ${threshold}%`;
}
