import { compileRules } from "../build.js";
import { TRUSTED_HOPS_KEY } from "../setting-keys.js";
import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import { readRuleFile } from "../rule-file.js";
import { branchLabel, ruleAnnotator, ruleLabel, type FilterUnderTest, type RuleUnderTest } from "./filter-under-test.js";

export interface BuiltFilter {
  readonly source: Source;
  readonly diagnostics: readonly Diagnostic[];
  /** The params the rule file declares: the keys a plugin configuration may set. */
  readonly paramNames: readonly string[];
  /** Absent when the rules do not compile. */
  readonly filter?: FilterUnderTest;
}

/**
 * Builds a rule file for testing: with function names kept (a trap then names its rule) and, unless told
 * otherwise, instrumented for rule coverage. A release build (`filterc build`) has neither.
 */
export async function buildFilterForTest(ruleFile: string, options: { coverage: boolean }): Promise<BuiltFilter> {
  const { source, diagnostics } = readRuleFile(ruleFile);
  if (diagnostics.length > 0) return { source, diagnostics, paramNames: [] };
  const compiled = await compileRules(source, { debug: true, coverage: options.coverage });
  // A filter that reads client.address also takes `trusted_hops`.
  const settings = compiled.lowered !== undefined && TRUSTED_HOPS_KEY in compiled.lowered.defaultConfig ? [TRUSTED_HOPS_KEY] : [];
  const paramNames = [...compiled.params.map((p) => p.name), ...settings];
  if (compiled.wasm === undefined || compiled.lowered === undefined) return { source, diagnostics: compiled.diagnostics, paramNames };
  // Each `else` branch is covered apart, after its rule.
  const rules: RuleUnderTest[] = compiled.lowered.rules.flatMap((entry) => {
    const { line, column } = source.position(entry.offset);
    const rule = { index: entry.index, name: entry.name, phase: entry.phase, line, column };
    const branches = (entry.elseOffsets ?? []).map((offset, i): RuleUnderTest => {
      const at = source.position(offset);
      return { ...rule, branch: i + 1, line: at.line, column: at.column, label: branchLabel(ruleFile, rule, at.line) };
    });
    return [{ ...rule, label: ruleLabel(ruleFile, rule) }, ...branches];
  });
  const filter: FilterUnderTest = {
    path: ruleFile,
    kind: "rules",
    metricPrefix: compiled.lowered.metrics.prefix,
    wasm: compiled.wasm,
    rules,
    coverageMetrics: options.coverage,
    annotate: ruleAnnotator(rules),
  };
  return { source, diagnostics: compiled.diagnostics, paramNames, filter };
}

/** Any proxy-wasm module: no rules, so no coverage and no rule names for traps. */
export function moduleFilter(path: string, wasm: Uint8Array, rootId?: string): FilterUnderTest {
  return { path, kind: "wasm", wasm, rootId, rules: [], coverageMetrics: false };
}
