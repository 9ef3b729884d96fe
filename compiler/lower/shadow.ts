import type { Action } from "../../grammar/ast.js";
import type { CheckedProgram, RuleInfo } from "../check/result.js";
import { actionDefinition, isTerminator } from "../actions/registry.js";
import type { ActionLowering } from "../actions/lowering.js";
import { escapeLogLine } from "../actions/log.js";
import { RULE_NEXT } from "../ir/rule-result.js";
import type { Statement } from "../ir/statements.js";
import { phaseDefinition } from "../phases.js";
import { ENFORCE_RULES_KEY, SHADOW_RULES_KEY, shadowSupported } from "../shadow-mode.js";

/**
 * Shadow mode (docs/language.md, "Shadow mode: rolling out a rule"). A named rule of a program that declares a
 * shadow rule gets a second path in its function, behind one flag (`R<i>_shadow`) that proxy_on_configure sets from
 * the declared mode and the `shadow_rules` / `enforce_rules` lists: the rule's condition is tested once, by the
 * callback as for any rule, and only its actions differ. The shadow path runs the actions that observe (`log`) and
 * reports what the others would have done, one log line and one counter per firing. Programs without a shadow
 * rule have no such path, so their modules are what they were (test/guards/sizes.test.ts).
 */

/** runtime/shadow.ts SHADOW_LISTED and ENFORCE_LISTED. */
export const SHADOW_LIST_BITS = { [SHADOW_RULES_KEY]: 1, [ENFORCE_RULES_KEY]: 2 } as const;

/** Whether a rule gets the shadow path: named, in a phase whose rules run in its callback, in such a program. */
export function hasShadowPath(checked: CheckedProgram, info: RuleInfo): boolean {
  return info.name !== undefined && phaseDefinition(info.phase).runsOn === "callback" && shadowSupported(checked);
}

/**
 * The counter a shadowed rule counts its firings in: `shadow.<rule name>` after the filter's metric prefix
 * (docs/language.md, "Metrics"), beside its other metrics. Characters other than ASCII letters, digits, `_`, `.` and `-` become `_`, as in
 * response_code_details, so that the name is a stat name Envoy and Prometheus keep as it is.
 */
export function shadowMetricName(prefix: string, ruleName: string): string {
  return `${prefix}shadow.${Array.from(ruleName, (c) => (/[A-Za-z0-9_.-]/.test(c) ? c : "_")).join("")}`;
}

/** The globals of a rule's shadow path: its mode and its counter's metric id. */
export function shadowGlobals(info: RuleInfo): { mode: string; metric: string } {
  return { mode: `R${info.index}_shadow`, metric: `SHADOW_${info.index}` };
}

/**
 * The actions a branch reaches: up to its first terminating action (what follows one never runs when the rule is
 * enforced, so a shadowed rule does not report it either).
 */
function reached(actions: readonly Action[]): readonly Action[] {
  const end = actions.findIndex(isTerminator);
  return end < 0 ? actions : actions.slice(0, end + 1);
}

/** The log line of a branch's firing in shadow mode: `shadow rule "block-bots": would set x-blocked, deny 403`. */
export function shadowLine(ruleName: string, actions: readonly Action[]): string {
  const would = reached(actions).flatMap((action) => {
    const shadow = actionDefinition(action).shadow;
    return shadow.effect === "observes" ? [] : [shadow.would(action)];
  });
  const what = would.length === 0 ? "matched, nothing to enforce" : `would ${would.join(", ")}`;
  return escapeLogLine(`shadow rule "${ruleName}": ${what}`);
}

/**
 * The shadow path of one branch of a rule, as one action group of its function: when the rule is shadowed, the
 * branch's observing actions, the report and a return; nothing for a rule without the path.
 */
export function shadowPath(checked: CheckedProgram, lowering: ActionLowering, info: RuleInfo, actions: readonly Action[]): Statement[][] {
  if (!hasShadowPath(checked, info)) return [];
  const { mode, metric } = shadowGlobals(info);
  const observing = reached(actions).filter((action) => actionDefinition(action).shadow.effect !== "enforces");
  const lowerObserving = (action: Action): Statement[] => {
    const definition = actionDefinition(action);
    return definition.shadow.effect === "meters" ? definition.shadow.lowerShadow(lowering, action) : definition.lower(lowering, action);
  };
  const report: Statement[] = [
    { kind: "RuntimeCall", function: "shadowFired", args: [metric, lowering.constant(shadowLine(info.name!, actions))] },
    { kind: "Return", result: RULE_NEXT },
  ];
  return [[{ kind: "Branches", arms: [{ condition: mode, actions: [...observing.map(lowerObserving), report] }] }]];
}
