import type { CheckedProgram, RuleInfo } from "../check/result.js";
import { actionDefinition, isLocalResponse } from "../actions/registry.js";
import type { ReplyHook } from "../actions/lowering.js";
import { callbackPhases, readsCaptured, localReplyPhase, phaseDefinition, sideOf, type Phase } from "../phases.js";
import { ruleActions, ruleBranches } from "../../grammar/walk.js";
import { code, joinCode, type Code } from "../ir/code.js";
import type { RuleCaptures } from "../ir/passes/captures.js";
import { replyEntriesAdded, toReplyHeaders } from "../ir/passes/reply-headers.js";
import type { RuleFunction } from "../ir/rule-function.js";
import { RULE_STOP } from "../ir/rule-result.js";
import type { BranchArm, Statement } from "../ir/statements.js";
import { RuleActionLowering } from "./action-lowering.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";

/**
 * `on local_reply` rules run inside the callback that sends a local reply, on the reply's header list, just before
 * proxy_send_local_response. Their conditions and values read request fields as that callback reads them (live in
 * the request phase, captured in the response phase), so they are lowered once per phase whose rules send replies:
 * a function `local_reply_<phase>` calling one function per rule, each rule a Branches statement (its `when` and
 * `else` branches) whose header actions edit the list (ir/passes/reply-headers.ts).
 */
export interface LocalReplies {
  /** What a reply sent by a rule of `phase` runs; undefined when the program has no `on local_reply` rules. */
  hook(phase: Phase): ReplyHook | undefined;
  /** The rules' functions, one per rule and sending phase. */
  readonly functions: readonly RuleFunction[];
  /** The `local_reply_<phase>` functions that call them. */
  readonly dispatchers: readonly Code[];
  /** What the response-phase copies read of the request: captured whenever such a reply may be sent. */
  readonly captures: readonly RuleCaptures[];
}

export function lowerLocalReplies(
  ctx: LowerContext,
  checked: CheckedProgram,
  coverageCounter: (info: RuleInfo, branch: number) => string,
  /** Whether the filter itself replies in a phase (a request body past maxBody, body-phase.ts). */
  filterReplies: (phase: Phase) => boolean,
): LocalReplies {
  const replyPhase = localReplyPhase();
  const rules = checked.rules.filter((r) => r.phase === replyPhase);
  const hooks = new Map<Phase, ReplyHook>();
  const functions: RuleFunction[] = [];
  const dispatchers: Code[] = [];
  const captures: RuleCaptures[] = [];
  if (rules.length > 0) {
    // Only phases whose rules send a reply need a copy.
    const senders = callbackPhases().filter((phase) => filterReplies(phase) || checked.rules.some((r) => r.phase === phase && ruleActions(r.rule).some(isLocalResponse)));
    for (const phase of senders) {
      const label = phaseDefinition(phase).label;
      const lowered = ctx.capturesReadBy(() => rules.map((info) => lowerReplyRule(ctx, info, phase, `rule_${info.index}_${label}`, coverageCounter)));
      if (readsCaptured(phase, "request")) captures.push({ always: lowered.captures, guarded: new Set() });
      functions.push(...lowered.lowered);
      const name = `local_reply_${label}`;
      const calls = rules.map((info, i) => {
        const call = code`if (${lowered.lowered[i]!.name}(ctx) == ${RULE_STOP}) return;`;
        return info.name === undefined ? call : code`if (R${info.index}_enabled) { ${call} }`;
      });
      dispatchers.push(joinCode([`function ${name}(ctx: u32): void {`, ...calls.map((c) => code`  ${c}`), "}"], "\n"));
      const extra = lowered.lowered.reduce((n, fn) => n + fn.actions.reduce((m, action) => m + replyEntriesAdded(action), 0), 0);
      hooks.set(phase, { function: name, extra });
    }
  }
  return { hook: (phase) => hooks.get(phase), functions, dispatchers, captures };
}

function lowerReplyRule(ctx: LowerContext, info: RuleInfo, phase: Phase, name: string, coverageCounter: (info: RuleInfo, branch: number) => string): RuleFunction {
  const details = `filterc_${info.name ?? `rule_${info.index + 1}`}`;
  const lowering = new RuleActionLowering(ctx, phase, details, sideOf(phase));
  const arms = ruleBranches(info.rule).map(
    (branch): BranchArm => ({
      ...(branch.condition && { condition: lowerExpression(ctx, branch.condition, phase) }),
      ...(ctx.coverage && { coverageCounter: coverageCounter(info, branch.index) }),
      actions: branch.actions.map((action) => toReplyHeaders(actionDefinition(action).lower(lowering, action))),
    }),
  );
  const body: Statement[] = [{ kind: "Branches", arms }];
  return { name, actions: [body] };
}
