import { compileRules } from "../build.js";
import { TRUSTED_HOPS_KEY } from "../setting-keys.js";
import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import { composeRuleFiles } from "../imports.js";
import { projectModuleSettings } from "../project/index.js";
import { FileCode } from "../rule-file.js";
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
export async function buildFilterForTest(ruleFiles: string | readonly string[], options: { coverage: boolean }): Promise<BuiltFilter> {
  const paths = typeof ruleFiles === "string" ? [ruleFiles] : ruleFiles;
  const ruleFile = paths[0]!;
  // Imports and further files are composed into one program; each rule's label names the file it is in.
  const composed = composeRuleFiles(paths.map((path) => ({ path })));
  const source = composed.source;
  const notUtf8 = composed.diagnostics.filter((d) => d.code === FileCode.notUtf8);
  if (notUtf8.length > 0) return { source, diagnostics: notUtf8, paramNames: [] };
  // The settings of filterc.yaml that shape the module, as `filterc build` reads them: the filter tested is the one shipped.
  const compiled = await compileRules(composed, { ...projectModuleSettings(ruleFile), debug: true, coverage: options.coverage });
  // A filter that reads client.address also takes `trusted_hops`.
  const settings = compiled.lowered !== undefined && TRUSTED_HOPS_KEY in compiled.lowered.defaultConfig ? [TRUSTED_HOPS_KEY] : [];
  // One that declares a shadow rule, `shadow_rules` and `enforce_rules`.
  settings.push(...(compiled.lowered?.ruleModeKeys ?? []));
  const paramNames = [...compiled.params.map((p) => p.name), ...settings];
  if (compiled.wasm === undefined || compiled.lowered === undefined) return { source, diagnostics: compiled.diagnostics, paramNames };
  // The file of a rule as its label shows it: the path as named for a file of the command line.
  const fileOf = (offset: number) => {
    const file = source.locate(offset).file;
    return file === source.files[0] ? ruleFile : file.name;
  };
  // Each `else` branch is covered apart, after its rule.
  const rules: RuleUnderTest[] = compiled.lowered.rules.flatMap((entry) => {
    const { line, column } = source.position(entry.offset);
    const rule = { index: entry.index, name: entry.name, phase: entry.phase, line, column };
    const file = fileOf(entry.offset);
    const branches = (entry.elseOffsets ?? []).map((offset, i): RuleUnderTest => {
      const at = source.position(offset);
      return { ...rule, branch: i + 1, line: at.line, column: at.column, label: branchLabel(file, rule, at.line) };
    });
    return [{ ...rule, label: ruleLabel(file, rule) }, ...branches];
  });
  const filter: FilterUnderTest = {
    path: ruleFile,
    kind: "rules",
    metricPrefix: compiled.lowered.metrics.prefix,
    wasm: compiled.wasm,
    rules,
    coverageMetrics: options.coverage,
    annotate: ruleAnnotator(rules),
    ...(compiled.lowered.headerHold === undefined ? {} : { holdsHeaders: true }),
    calledClusters: compiled.lowered.callouts.clusters,
  };
  return { source, diagnostics: compiled.diagnostics, paramNames, filter };
}

/** Any proxy-wasm module: no rules, so no coverage and no rule names for traps. */
export function moduleFilter(path: string, wasm: Uint8Array, rootId?: string): FilterUnderTest {
  return { path, kind: "wasm", wasm, rootId, rules: [], coverageMetrics: false };
}
