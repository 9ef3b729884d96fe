import type { Action, Rule, Span } from "../grammar/ast.js";
import { ruleActions } from "../grammar/walk.js";
import { actionEffects } from "./actions/registry.js";
import { bodyPhaseOf, SIDES, type Phase, type Side } from "./phases.js";

/**
 * Header holds (docs/language.md, "Changing headers in a body phase"): a body rule that changes its own side's
 * headers needs those headers kept from going on until the body rules have run. The headers callback of that side
 * then returns StopIteration, which Envoy honours only with the wasm filter's `allow_on_headers_stop_iteration:
 * true` (Envoy 1.35+; source/extensions/common/wasm/context.cc reads it from the PluginConfig, default false;
 * without it proxy-wasm-cpp-host turns StopIteration into StopAllIterationAndWatermark and the body callbacks never
 * run). A shadow rule holds too: the configuration can flip it to enforce without a rebuild.
 */

function changesHeaders(action: Action): boolean {
  const writes = actionEffects(action).writes;
  return writes.names.length + writes.prefixes.length > 0;
}

/** The first action of a rule that changes headers (of its phase's side: every header action writes its phase's map). */
export function headerChange(rule: Rule): Action | undefined {
  return ruleActions(rule).find(changesHeaders);
}

/** The sides whose headers the program holds: those whose body phase has a rule that changes headers. */
export function heldSides(rules: readonly { readonly rule: Rule; readonly phase: Phase }[]): Side[] {
  return SIDES.filter((side) => rules.some((r) => r.phase === bodyPhaseOf(side) && headerChange(r.rule) !== undefined));
}

/** Where the program first holds headers (the side, and the action that needs it), for deployment messages. */
export function firstHold(rules: readonly { readonly rule: Rule; readonly phase: Phase }[]): { readonly side: Side; readonly span: Span } | undefined {
  for (const r of rules) {
    const side = SIDES.find((s) => r.phase === bodyPhaseOf(s));
    const action = side === undefined ? undefined : headerChange(r.rule);
    if (side !== undefined && action !== undefined) return { side, span: action.span };
  }
  return undefined;
}
