import type { TestRun } from "../run-tests.js";

/** For programs: every case with its failed checks, and coverage per rule file. Stable keys, version 1. */
export function formatJson(run: TestRun): string {
  const report = {
    version: 1,
    passed: run.passed,
    failed: run.failed,
    durationMs: round(run.durationMs),
    files: run.files.map((file) => ({
      caseFile: file.caseFile,
      filter: file.filterPath,
      cases: file.cases.map((c) => ({
        name: c.name,
        line: c.line,
        column: c.column,
        status: c.passed ? "passed" : "failed",
        durationMs: round(c.durationMs),
        ...(c.failure === undefined ? {} : { failure: c.failure }),
        mismatches: c.mismatches.map((m) => ({ what: m.what, expected: m.expected, actual: m.actual })),
      })),
    })),
    coverage: run.coverage.map((report) => ({
      ruleFile: report.ruleFile,
      fired: report.fired,
      total: report.total,
      percent: round(report.percent),
      rules: report.rules.map((r) => ({
        index: r.index,
        ...(r.name === undefined ? {} : { name: r.name }),
        phase: r.phase,
        ...(r.branch === undefined ? {} : { branch: r.branch }),
        line: r.line,
        column: r.column,
        hits: r.hits,
      })),
    })),
  };
  return JSON.stringify(report, null, 2) + "\n";
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
