import type { CheckedProgram } from "./check/result.js";

/**
 * Shadow mode's part of the plugin configuration (docs/language.md, "Shadow mode: rolling out a rule"): the keys
 * that flip named rules between enforcing and shadow, read by filters that declare a shadow rule.
 */

export const SHADOW_RULES_KEY = "shadow_rules";
export const ENFORCE_RULES_KEY = "enforce_rules";

/** Whether the program's named rules can be shadowed, and so whether its filter reads the two keys. */
export function shadowSupported(checked: CheckedProgram): boolean {
  return checked.rules.some((r) => r.rule.shadow !== undefined && r.name !== undefined);
}

/** The keys a filter reads for shadow mode, less those a param of the same name takes. */
export function shadowKeys(checked: CheckedProgram): string[] {
  if (!shadowSupported(checked)) return [];
  return [SHADOW_RULES_KEY, ENFORCE_RULES_KEY].filter((key) => !checked.params.some((param) => param.name === key));
}
