import { performance } from "node:perf_hooks";
import type { TestFile } from "./case-file.js";
import type { CaseResult, FileResult } from "./case-result.js";
import { coverageOf, type CoverageReport } from "./coverage.js";
import type { FilterUnderTest } from "./filter-under-test.js";
import { runCase } from "./run-case.js";

/** Case files that run against one filter; coverage is counted per filter, across its case files. */
export interface TestGroup {
  readonly filter: FilterUnderTest;
  readonly files: readonly TestFile[];
}

export interface TestRun {
  readonly files: readonly FileResult[];
  /** One per rule file built with coverage (none for --wasm modules). */
  readonly coverage: readonly CoverageReport[];
  readonly passed: number;
  readonly failed: number;
  readonly durationMs: number;
}

export interface RunObserver {
  /** Called as each case finishes, so a terminal can show progress. */
  readonly onCase?: (file: TestFile, result: CaseResult) => void;
}

/** Runs every case of a case file, in order; a failing or trapping case does not stop the others. */
export async function runTestFile(file: TestFile, filter: FilterUnderTest, observer: RunObserver = {}): Promise<FileResult> {
  const started = performance.now();
  const cases: CaseResult[] = [];
  for (const testCase of file.cases) {
    const result = await runCase(filter, testCase, file.logLevel);
    cases.push(result);
    observer.onCase?.(file, result);
  }
  return { caseFile: file.path, filterPath: filter.path, cases, durationMs: performance.now() - started };
}

export async function runTests(groups: readonly TestGroup[], observer: RunObserver = {}): Promise<TestRun> {
  const started = performance.now();
  const files: FileResult[] = [];
  const coverage: CoverageReport[] = [];
  for (const group of groups) {
    const results: FileResult[] = [];
    for (const file of group.files) results.push(await runTestFile(file, group.filter, observer));
    files.push(...results);
    const report = coverageOf(group.filter, results.flatMap((r) => r.cases));
    if (report !== undefined) coverage.push(report);
  }
  const all = files.flatMap((f) => f.cases);
  const passed = all.filter((c) => c.passed).length;
  return { files, coverage, passed, failed: all.length - passed, durationMs: performance.now() - started };
}
