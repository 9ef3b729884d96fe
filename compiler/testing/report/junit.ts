import { basename } from "node:path";
import type { CaseResult, FileResult } from "../case-result.js";
import type { CoverageReport } from "../coverage.js";
import type { TestRun } from "../run-tests.js";
import { failureLines } from "./text.js";

/**
 * JUnit XML as GitHub test-report actions and GitLab's `artifacts:reports:junit` read it: one <testsuite> per
 * case file, one <testcase> per case with file and line, a <failure> with the diff for failed cases, and the
 * rule coverage of the suite's rule file as properties.
 */
export function formatJunit(run: TestRun, timestamp: Date = new Date()): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="filterc test" tests="${run.passed + run.failed}" failures="${run.failed}" errors="0" time="${seconds(run.durationMs)}">`);
  for (const file of run.files) out.push(...suite(file, run.coverage.find((c) => c.ruleFile === file.filterPath), timestamp));
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}

function suite(file: FileResult, coverage: CoverageReport | undefined, timestamp: Date): string[] {
  const failures = file.cases.filter((c) => !c.passed).length;
  const attributes = attrs({
    name: file.caseFile,
    tests: file.cases.length,
    failures,
    errors: 0,
    skipped: 0,
    time: seconds(file.durationMs),
    timestamp: timestamp.toISOString().replace(/\.\d+Z$/, ""),
    file: file.caseFile,
  });
  const out = [`  <testsuite ${attributes}>`];
  out.push("    <properties>", `      <property ${attrs({ name: "filter", value: file.filterPath })}/>`);
  if (coverage !== undefined) {
    out.push(`      <property ${attrs({ name: "coverage.rules.fired", value: coverage.fired })}/>`);
    out.push(`      <property ${attrs({ name: "coverage.rules.total", value: coverage.total })}/>`);
  }
  out.push("    </properties>");
  for (const result of file.cases) out.push(...testcase(file, result));
  out.push("  </testsuite>");
  return out;
}

function testcase(file: FileResult, result: CaseResult): string[] {
  const attributes = attrs({
    name: result.name,
    classname: basename(file.caseFile).replace(/\.(ya?ml|json)$/i, ""),
    file: file.caseFile,
    line: result.line,
    time: seconds(result.durationMs),
  });
  if (result.passed) return [`    <testcase ${attributes}/>`];
  const lines = failureLines(result);
  const first = result.failure ?? `${result.mismatches[0]!.what}: expected ${result.mismatches[0]!.expected.split("\n")[0]}, actual ${result.mismatches[0]!.actual.split("\n")[0]}`;
  const type = result.failure !== undefined ? "error" : "mismatch";
  return [
    `    <testcase ${attributes}>`,
    `      <failure ${attrs({ message: first, type })}>${escape(lines.join("\n"))}</failure>`,
    "    </testcase>",
  ];
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escape(String(v)).replace(/\n/g, "&#10;")}"`)
    .join(" ");
}

/** XML 1.0 text: markup characters escaped, and characters XML cannot carry at all (most controls) dropped. */
function escape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
