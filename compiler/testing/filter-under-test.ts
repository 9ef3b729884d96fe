import { basename } from "node:path";
import type { Phase } from "../phases.js";

/** A rule of the rule file under test, where it is, and how reports name it. */
export interface RuleUnderTest {
  readonly index: number;
  readonly name?: string;
  readonly phase: Phase;
  readonly line: number;
  readonly column: number;
  /** `rule "admin" (admin-gate.fw:4)`, or `rule at admin-gate.fw:9` for an anonymous rule. */
  readonly label: string;
}

/** The module the cases run against: built from a rule file, or any proxy-wasm module given with --wasm. */
export interface FilterUnderTest {
  /** The rule file or module path, as the user gave it. */
  readonly path: string;
  readonly kind: "rules" | "wasm";
  readonly wasm: Uint8Array;
  readonly rootId?: string;
  /** The rule file's rules; with `coverageMetrics` the build counts their firings. */
  readonly rules: readonly RuleUnderTest[];
  /** The build is instrumented: each firing of rule i increments metric `filterc.rule_fired.<i>`. */
  readonly coverageMetrics: boolean;
  /** Names a trap site: the wasm function of a rule (debug builds keep `rule_N` names) to the rule's label. */
  readonly annotate?: (wasmFunctionName: string) => string | undefined;
}

export function ruleLabel(ruleFile: string, rule: { name?: string; line: number }): string {
  const at = `${basename(ruleFile)}:${rule.line}`;
  return rule.name !== undefined ? `rule "${rule.name}" (${at})` : `rule at ${at}`;
}

/** `filter/rule_3` (AssemblyScript's name for the generated function rule_3) to the label of rule 3. */
export function ruleAnnotator(rules: readonly RuleUnderTest[]): (wasmFunctionName: string) => string | undefined {
  return (name) => {
    const match = /(?:^|\/)rule_(\d+)$/.exec(name);
    if (match === null) return undefined;
    return rules.find((r) => r.index === Number(match[1]))?.label;
  };
}
