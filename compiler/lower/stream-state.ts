import type { RuleInfo } from "../check/result.js";
import { isLocalResponse } from "../actions/registry.js";
import { ruleActions } from "../../grammar/walk.js";
import { isLaterSide, type Phase } from "../phases.js";
import { code, codeKey, joinCode, type Code } from "../ir/code.js";
import { distinctCode } from "../ir/passes/captures.js";
import type { Capture, LowerContext } from "./context.js";
import { FLAGS_GLOBAL } from "./request-verdicts.js";

/**
 * What a filter keeps per stream from its request phase to its response phase (runtime/streams.ts): flags
 * (request verdicts, a local reply) and captured request values. A stream the filter keeps nothing for has no
 * entry: no flag set, no value captured.
 */
export interface StreamPlan {
  /** Whether the filter keeps anything per stream. */
  readonly used: boolean;
  /** Whether local replies are flagged, so that response rules do not run on the filter's own reply. */
  readonly flagsReplies: boolean;
}

/** The stream plan of a lowered program: call it once every rule is lowered. */
export function planStreams(
  ctx: LowerContext,
  rulesOf: ReadonlyMap<Phase, readonly RuleInfo[]>,
  verdicts: ReadonlyMap<RuleInfo, bigint>,
): StreamPlan {
  const rulesWhere = (earlier: boolean) => [...rulesOf].flatMap(([phase, rules]) => (isLaterSide(phase) === !earlier ? rules : []));
  const requestRules = rulesWhere(true);
  const responseRules = rulesWhere(false);
  const replies = (rules: readonly RuleInfo[]) => rules.some((r) => ruleActions(r.rule).some(isLocalResponse));
  // A request-phase reply returns before the verdicts are kept: when every response rule waits on a verdict, none
  // can run on such a reply, flagged or not. A response-phase reply comes back through the response callback with
  // the verdicts still kept, so it is always flagged.
  const everyRuleWaits = responseRules.every((r) => verdicts.has(r));
  const flagsReplies = responseRules.length > 0 && (replies(responseRules) || (replies(requestRules) && !everyRuleWaits));
  return { flagsReplies, used: flagsReplies || ctx.capturePlan().length > 0 || ctx.verdicts.size > 0 };
}

/** Whether a callback reads the stream's flags: for verdicts, or to see a reply of the filter's own. */
function readsFlags(ctx: LowerContext, plan: StreamPlan): boolean {
  return plan.flagsReplies || ctx.verdicts.size > 0;
}

export function streamDeclarations(ctx: LowerContext, plan: StreamPlan): string[] {
  return readsFlags(ctx, plan) ? [`let ${FLAGS_GLOBAL}: u64 = 0;`] : [];
}

/** What a rule's local reply does before the callback returns ACTION_PAUSE. */
export function replyStatement(plan: StreamPlan): string {
  return plan.flagsReplies ? "streamSetFlag(ctx, STREAM_LOCAL_REPLY); " : "";
}

/** The first statements of the response callback: the stream's flags and captures, and the own-reply check. */
export function responseStart(ctx: LowerContext, plan: StreamPlan): string[] {
  if (!plan.used) return [];
  // With captures alone, the lookup is for captured() only.
  if (!readsFlags(ctx, plan)) return ["streamResume(ctx);"];
  const lines = [`${FLAGS_GLOBAL} = streamResume(ctx);`];
  if (plan.flagsReplies) lines.push(`if ((${FLAGS_GLOBAL} & STREAM_LOCAL_REPLY) != 0) { resetArena(); return ACTION_CONTINUE; }`);
  return lines;
}

/**
 * The last statements of the request phase, before the arena is reset: the verdicts, then the values response
 * rules read, kept for the stream with the flags. When every value waits on a guard and none holds, no value is
 * kept: a stream without captures reads each as ABSENT.
 */
export function requestEnd(ctx: LowerContext, guards: ReadonlyMap<number, Code>): Code[] {
  const captures = ctx.capturePlan();
  const verdicts = ctx.verdicts.requestStatements();
  // The first flag may take a fresh block for the stream table over the arena: kept last (streamSetFlag).
  const anyKept = ctx.verdicts.anyKept();
  const keepFlags = anyKept === undefined ? undefined : `if (${anyKept}) streamSetFlag(ctx, ${ctx.verdicts.kept()});`;
  if (captures.length === 0) return keepFlags === undefined ? verdicts : [...verdicts, keepFlags];
  const distinct = distinctCode(captures.map((c) => guards.get(c.index)));
  const allGuarded = !distinct.includes(undefined);
  const record: Code[] = [
    ...captures.map((c) => captureValue(c, guards.get(c.index), allGuarded && distinct.length === 1)),
    `captureBegin(${captures.length});`,
    ...captures.map((c) => `captureSet(${c.index}, c${c.index});`),
    `captureCommit(ctx, ${ctx.verdicts.kept()});`,
  ];
  if (!allGuarded) return [...verdicts, ...record];
  // When every verdict guards a value, none holds where no value is kept.
  const guardKeys = distinct.map((g) => codeKey(g!));
  const flagsLeft = keepFlags !== undefined && !ctx.verdicts.all().every((flag) => guardKeys.includes(ctx.verdicts.holds(flag)));
  return [...verdicts, code`if (${joinCode(distinct.map((g) => code`(${g!})`), " || ")}) {`, ...record.map((line) => code`  ${line}`), flagsLeft ? `} else ${keepFlags}` : "}"];
}

/** Inside the one guard all values share, no value needs its own. */
function captureValue(capture: Capture, guard: Code | undefined, sharedGuard: boolean): Code {
  const own = guard === undefined || sharedGuard ? undefined : guard;
  return code`const c${capture.index} = ${own === undefined ? capture.requestValue : code`(${own}) ? ${capture.requestValue} : ABSENT`};`;
}
