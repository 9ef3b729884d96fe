import { code, codeKey, joinCode, type Code } from "../code.js";

/** The captures one response rule reads. */
export interface RuleCaptures {
  /** Captured whatever the request. */
  readonly always: ReadonlySet<number>;
  /** Captured only when `guard` holds (always, without one). */
  readonly guarded: ReadonlySet<number>;
  /** What holds at the end of the request phase when the rule can still fire. */
  readonly guard?: Code;
}

/**
 * What to capture for each capture slot: undefined to always take it, else the condition (AssemblyScript, over
 * request-phase values) under which it is taken.
 */
export function captureConditions(rules: readonly RuleCaptures[]): Map<number, Code> {
  const always = new Set<number>();
  const guards = new Map<number, Code[]>();
  for (const rule of rules) {
    for (const index of rule.always) always.add(index);
    for (const index of rule.guarded) {
      if (rule.guard === undefined) always.add(index);
      else guards.set(index, [...(guards.get(index) ?? []), rule.guard]);
    }
  }
  const conditions = new Map<number, Code>();
  for (const [index, any] of guards) {
    if (always.has(index)) continue;
    const distinct = distinctCode(any);
    conditions.set(index, distinct.length === 1 ? distinct[0]! : joinCode(distinct.map((g) => code`(${g})`), " || "));
  }
  return conditions;
}

/** The codes without repeats, in order of first appearance (equal text is the same code). */
export function distinctCode<C extends Code | undefined>(codes: readonly C[]): C[] {
  const seen = new Map<string, C>();
  for (const c of codes) {
    const key = c === undefined ? "" : `=${codeKey(c)}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}
