import type { Reference } from "../../grammar/ast.js";
import type { RuleInfo } from "../check/result.js";
import { groupScratchBytes } from "../regex/group-program.js";
import type { Code } from "../ir/code.js";
import type { Statement } from "../ir/statements.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";

/**
 * `match[N]` (not to be confused with captures.ts, the request values kept for the response phase). A rule whose
 * actions read `match[N]` runs the group program of its `matches` over the matched value before its first
 * action (runtime/match-groups.ts); each `match[N]` is then a slice of that value. Rules that read no `match`
 * run nothing more, and a filter without any links none of it.
 */

/** The static scratch area every group program runs in, sized for the largest (declared by program.ts). */
export const MATCH_SCRATCH = "MATCH_SCRATCH";

/** `match[N]` as a Str. */
export function lowerMatchGroup(ctx: LowerContext, reference: Reference): Code | undefined {
  const group = ctx.checked.matchGroups.get(reference);
  if (group === undefined) return undefined;
  return `matchGroup(${MATCH_SCRATCH}, ${group.index})`;
}

/**
 * The statements that go before a rule's first action: the group pass over the value the condition matched,
 * evaluated as the condition saw it (no action has run yet). Empty for a rule that reads no `match`.
 */
export function matchGroupsPrelude(ctx: LowerContext, info: RuleInfo): Statement[][] {
  const source = ctx.checked.matchSources.get(info.rule);
  if (source === undefined) return [];
  ctx.matchScratchBytes = Math.max(ctx.matchScratchBytes, groupScratchBytes(source.program, source.onePass));
  const subject = lowerExpression(ctx, source.subject, info.phase);
  const program = ctx.data.bytes(source.program, `groups /${source.pattern.pattern}/`);
  // A one-pass pattern needs no thread list: one state and a table lookup per byte (compiler/regex/one-pass.ts).
  const run = source.onePass ? "matchGroupsOnePass" : "matchGroupsFind";
  return [[{ kind: "RuntimeCall", function: run, args: [subject, program, MATCH_SCRATCH] }]];
}

/** The declaration of the scratch area, when a rule reads `match`. */
export function matchScratchDeclarations(ctx: LowerContext): string[] {
  return ctx.matchScratchBytes === 0 ? [] : [`const ${MATCH_SCRATCH} = memory.data(${ctx.matchScratchBytes}, 16);`];
}
