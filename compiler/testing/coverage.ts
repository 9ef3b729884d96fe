import type { CaseResult } from "./case-result.js";
import { coverageKey, type FilterUnderTest, type RuleUnderTest } from "./filter-under-test.js";

export interface RuleCoverage extends RuleUnderTest {
  /** How many times the rule fired (its condition held) across every case. */
  readonly hits: number;
}

/** Which rules of one rule file fired across the cases that ran against it. */
export interface CoverageReport {
  readonly ruleFile: string;
  readonly rules: readonly RuleCoverage[];
  readonly fired: number;
  readonly total: number;
  /** 0..100; a rule file without rules is fully covered. */
  readonly percent: number;
}

export function coverageOf(filter: FilterUnderTest, cases: readonly CaseResult[]): CoverageReport | undefined {
  if (!filter.coverageMetrics) return undefined;
  const rules = filter.rules.map((rule) => ({ ...rule, hits: cases.reduce((sum, c) => sum + (c.fired.get(coverageKey(rule)) ?? 0), 0) }));
  const fired = rules.filter((r) => r.hits > 0).length;
  return { ruleFile: filter.path, rules, fired, total: rules.length, percent: percentOf(fired, rules.length) };
}

/** Rules fired over all rule files, as --fail-under compares it. */
export function totalCoverage(reports: readonly CoverageReport[]): { fired: number; total: number; percent: number } {
  const fired = reports.reduce((n, r) => n + r.fired, 0);
  const total = reports.reduce((n, r) => n + r.total, 0);
  return { fired, total, percent: percentOf(fired, total) };
}

function percentOf(part: number, whole: number): number {
  return whole === 0 ? 100 : (100 * part) / whole;
}

/** `75%`, `66.7%`: whole numbers stay whole, and nothing short of every rule rounds up to 100. */
export function formatPercent(percent: number): string {
  const shown = Math.floor(percent * 10) / 10;
  return `${Number.isInteger(shown) ? shown.toFixed(0) : shown.toFixed(1)}%`;
}
