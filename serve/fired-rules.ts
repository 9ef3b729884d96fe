/**
 * Which rules fired in one stream, for the access log. serve builds the filter with rule coverage (as `filterc
 * test` does): each rule that fires increments its counter `filterc.rule_fired.<index>`, and the stream's trace
 * records the increment, so one stream's firings are told apart from the others' running at the same time.
 */

import { basename } from "node:path";
import { COVERAGE_METRIC_PREFIX } from "../compiler/lower/index.js";
import { coverageKey, type FilterUnderTest } from "../compiler/testing/filter-under-test.js";
import type { TraceEvent } from "../host/index.js";

export function firedRules(filter: FilterUnderTest, trace: readonly TraceEvent[]): string[] {
  const fired: string[] = [];
  for (const event of trace) {
    if (event.type !== "metric" || event.op !== "increment" || !event.name.startsWith(COVERAGE_METRIC_PREFIX)) continue;
    const key = event.name.slice(COVERAGE_METRIC_PREFIX.length);
    const rule = filter.rules.find((r) => coverageKey(r) === key);
    if (rule === undefined) continue;
    const label = rule.name ?? `${basename(filter.path)}:${rule.line}`;
    fired.push(rule.branch === undefined ? label : `${label} (else)`);
  }
  return fired;
}

/** The coverage counters are serve's instrumentation, not the filter's metrics. */
export function isCoverageMetric(name: string): boolean {
  return name.startsWith(COVERAGE_METRIC_PREFIX);
}
