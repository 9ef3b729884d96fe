import type { CheckedProgram } from "./check/result.js";

/**
 * Shadow mode's part of the plugin configuration (docs/language.md, "Shadow mode: rolling out a rule"): the keys
 * that flip named rules between enforcing and shadow, read by filters that declare a shadow rule.
 */

export const SHADOW_RULES_KEY = "shadow_rules";
export const ENFORCE_RULES_KEY = "enforce_rules";

/**
 * Whether the program's named rules can be shadowed, and so whether its filter reads the two keys. Asked once per
 * rule while lowering (lower/shadow.ts hasShadowPath), so the answer is kept per program: a scan of the rules each
 * time made lowering quadratic (3,000 rules: 14 s of a 21 s build).
 */
export function shadowSupported(checked: CheckedProgram): boolean {
  let supported = SUPPORTED.get(checked);
  if (supported === undefined) {
    supported = checked.rules.some((r) => r.rule.shadow !== undefined && r.name !== undefined);
    SUPPORTED.set(checked, supported);
  }
  return supported;
}

const SUPPORTED = new WeakMap<CheckedProgram, boolean>();

/** The keys a filter reads for shadow mode, less those a param of the same name takes. */
export function shadowKeys(checked: CheckedProgram): string[] {
  if (!shadowSupported(checked)) return [];
  return [SHADOW_RULES_KEY, ENFORCE_RULES_KEY].filter((key) => !checked.params.some((param) => param.name === key));
}
