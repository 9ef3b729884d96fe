/**
 * `filterc test` and `filterc run` as a library: case files (*.test.yaml) are loaded and validated against
 * schemas/filterc-test.schema.json, run against a filter built from rules (instrumented for rule coverage) or
 * any proxy-wasm module, and reported as text, JUnit XML or JSON. See docs/testing.md.
 */

export { TEST_CODES, TestCode } from "./codes.js";
export type { TestCase, TestFile, CaseExpectations } from "./case-file.js";
export { loadCaseFile, type LoadedCaseFile, type LoadOptions } from "./load-case-file.js";
export { caseSchemaPath } from "./case-schema.js";
export { buildFilterForTest, moduleFilter, type BuiltFilter } from "./build-filter.js";
export type { FilterUnderTest, RuleUnderTest } from "./filter-under-test.js";
export { prepareTests, defaultCaseFile, isCaseFile, type PreparedTests, type TestInputs } from "./prepare-tests.js";
export { TestInputError } from "./input-error.js";
export { runCase, describeTrap } from "./run-case.js";
export { runTestFile, runTests, type TestGroup, type TestRun, type RunObserver } from "./run-tests.js";
export type { CaseResult, FileResult } from "./case-result.js";
export type { Mismatch } from "./mismatch.js";
export { coverageOf, totalCoverage, formatPercent, type CoverageReport, type RuleCoverage } from "./coverage.js";
export { formatReport, formatText, formatJunit, formatJson, coverageShortfall, isReportFormat, REPORT_FORMATS, type ReportFormat } from "./report/index.js";
export { formatTrace } from "./trace/format-trace.js";
export { streamSpecFromFlags, pluginConfigFlag, requestLine, type RequestFlags } from "./run/request-flags.js";
export { runOnce, type RunOutcome } from "./run/run-once.js";
export { formatRunText, formatRunJson } from "./run/format-run.js";
