import { basename } from "node:path";
import type { Phase } from "../phases.js";

/** A rule of the rule file under test, where it is, and how reports name it. */
export interface RuleUnderTest {
  readonly index: number;
  readonly name?: string;
  readonly phase: Phase;
  /** An `else` branch of the rule, counted apart for coverage: 1 for the first `else`; absent for the rule's own. */
  readonly branch?: number;
  /** Where the rule starts, or for an `else` branch where its `else` is. */
  readonly line: number;
  readonly column: number;
  /**
   * `rule "admin" (admin-gate.fw:4)`, or `rule at admin-gate.fw:9` for an anonymous rule; an `else` branch adds
   * `, else at admin-gate.fw:7`.
   */
  readonly label: string;
}

/** The key of a rule or branch in CaseResult.fired: `3` for rule 3, `3.1` for its first `else` branch. */
export function coverageKey(rule: { index: number; branch?: number }): string {
  return rule.branch === undefined ? String(rule.index) : `${rule.index}.${rule.branch}`;
}

/** The module the cases run against: built from a rule file, or any proxy-wasm module given with --wasm. */
export interface FilterUnderTest {
  /** The rule file or module path, as the user gave it. */
  readonly path: string;
  readonly kind: "rules" | "wasm";
  /** What the rules' metric names start with: case files name metrics without it. Absent for a module. */
  readonly metricPrefix?: string;
  readonly wasm: Uint8Array;
  readonly rootId?: string;
  /** The rule file's rules; with `coverageMetrics` the build counts their firings. */
  readonly rules: readonly RuleUnderTest[];
  /**
   * The build is instrumented: each firing of rule i increments metric `filterc.rule_fired.<i>`, each run of its
   * `else` branch b `filterc.rule_fired.<i>.<b>`.
   */
  readonly coverageMetrics: boolean;
  /** Names a trap site: the wasm function of a rule (debug builds keep `rule_N` names) to the rule's label. */
  readonly annotate?: (wasmFunctionName: string) => string | undefined;
  /**
   * The rules hold headers for body rules (compiler/header-holds.ts): the filter runs as `filterc build` deploys it,
   * with allow_on_headers_stop_iteration on, unless a case file says otherwise.
   */
  readonly holdsHeaders?: boolean;
  /** The Envoy clusters the rules call (global limits, `authorize`): where a case's `ratelimit` and `authz` answers are served. */
  readonly calledClusters?: readonly string[];
}

export function ruleLabel(ruleFile: string, rule: { name?: string; line: number }): string {
  const at = `${basename(ruleFile)}:${rule.line}`;
  return rule.name !== undefined ? `rule "${rule.name}" (${at})` : `rule at ${at}`;
}

/** `rule "admin" (admin-gate.fw:4), else at admin-gate.fw:7`. */
export function branchLabel(ruleFile: string, rule: { name?: string; line: number }, branchLine: number): string {
  return `${ruleLabel(ruleFile, rule)}, else at ${basename(ruleFile)}:${branchLine}`;
}

/** `filter/rule_3` (AssemblyScript's name for the generated function rule_3) to the label of rule 3. */
export function ruleAnnotator(rules: readonly RuleUnderTest[]): (wasmFunctionName: string) => string | undefined {
  return (name) => {
    // `rule_3`, or `rule_3_request` for a copy of an `on local_reply` rule.
    const match = /(?:^|\/)rule_(\d+)(?:_[a-z_]+)?$/.exec(name);
    if (match === null) return undefined;
    return rules.find((r) => r.index === Number(match[1]))?.label;
  };
}
