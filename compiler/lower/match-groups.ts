import type { Reference, RegexLiteral } from "../../grammar/ast.js";
import type { MatchSource, RuleInfo } from "../check/result.js";
import type { Phase } from "../phases.js";
import { AFFIX_SCRATCH_BYTES, affixProgram } from "../regex/affix-groups.js";
import { groupScratchBytes } from "../regex/group-program.js";
import { literalPrefix } from "../regex/literal-prefix.js";
import { code, type Code } from "../ir/code.js";
import type { Statement } from "../ir/statements.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";

/**
 * `match[N]` (not to be confused with captures.ts, the request values kept for the response phase). A rule whose
 * actions read `match[N]` runs the group program of its `matches` over the matched value before its first
 * action (runtime/match-groups.ts), or, for a one-pass program, as the `matches` itself (lowerWithGroupTest);
 * each `match[N]` is then a slice of that value. A pattern of the affix shape (`^/old/(.*)$`,
 * compiler/regex/affix-groups.ts) runs neither program but a prefix and suffix test and a class loop
 * (runtime/match-affix.ts), which costs less than the DFA, so it always stands for the `matches`. Rules that read
 * no `match` run nothing more, and a filter without any links none of it.
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
 * A rule's condition being lowered, during which its `matches` may be the group pass itself: a one-pass program
 * answers whether the value matches as the DFA would, and finds the groups on the way, so the rule pays one pass
 * over the value instead of the DFA's and then the groups'. The checker allows `match` only for a `matches` that
 * must hold for the condition to hold (not under `or` or `not`), and the callback runs the rule's actions right
 * after its condition, so the groups the pass left are the ones the actions read. `fused` says the condition
 * did take the pass, so the actions need no prelude.
 */
export interface GroupTest {
  readonly source: MatchSource;
  readonly phase: Phase;
  fused: boolean;
}

/**
 * Lowers a rule's condition (`lower`), letting the `matches` its `match[N]` reads run the group pass (see
 * GroupTest). Only one-pass programs and affix patterns: the Pike VM costs several times the DFA per byte, which a
 * value that does not match would pay. Nor a `matches` that is a literal prefix: strStartsWith is cheaper than
 * either pass.
 */
export function lowerWithGroupTest<T>(ctx: LowerContext, info: RuleInfo, lower: () => T): { lowered: T; fused: boolean } {
  const source = ctx.checked.matchSources.get(info.rule);
  const fusable = source !== undefined && (source.onePass || affixOf(ctx, source) !== undefined);
  if (source === undefined || !fusable || literalPrefix(source.pattern.pattern) !== undefined) return { lowered: lower(), fused: false };
  const test: GroupTest = { source, phase: info.phase, fused: false };
  const outer = ctx.groupTest;
  ctx.groupTest = test;
  try {
    return { lowered: lower(), fused: test.fused };
  } finally {
    ctx.groupTest = outer;
  }
}

/**
 * The `matches` of `pattern` over `subject` as the group pass, when it is the one of the rule whose condition is
 * being lowered in the rule's phase (not the request-only part of a response rule, lowered for the end of the
 * request); undefined otherwise. It bypasses the test sets: a set answers whether, not where the groups are.
 */
export function groupTestCode(ctx: LowerContext, pattern: RegexLiteral, phase: Phase, subject: Code): Code | undefined {
  const test = ctx.groupTest;
  if (test === undefined || test.source.pattern !== pattern || test.phase !== phase) return undefined;
  test.fused = true;
  return code`${groupPass(ctx, test.source)}(${subject}, ${groupProgram(ctx, test.source)}, ${MATCH_SCRATCH})`;
}

/**
 * The statements that go before a rule's first action: the group pass over the value the condition matched,
 * evaluated as the condition saw it (no action has run yet). Empty for a rule that reads no `match`, and for one
 * whose condition already ran the pass (`fused`, see lowerWithGroupTest).
 */
export function matchGroupsPrelude(ctx: LowerContext, info: RuleInfo, fused = false): Statement[][] {
  const source = ctx.checked.matchSources.get(info.rule);
  if (source === undefined || fused) return [];
  const subject = lowerExpression(ctx, source.subject, info.phase);
  const run = groupPass(ctx, source);
  return [[{ kind: "RuntimeCall", function: run, args: [subject, groupProgram(ctx, source), MATCH_SCRATCH] }]];
}

/**
 * The runtime function that finds `source`'s groups: the affix test when the pattern has that shape, the one-pass
 * program (no thread list: one state and a table lookup per byte, compiler/regex/one-pass.ts), or the Pike VM.
 */
function groupPass(ctx: LowerContext, source: MatchSource): string {
  if (affixOf(ctx, source) !== undefined) return "matchGroupsAffix";
  return source.onePass ? "matchGroupsOnePass" : "matchGroupsFind";
}

/** The static data of the program groupPass runs, with the scratch area it needs reserved. */
function groupProgram(ctx: LowerContext, source: MatchSource): Code {
  const affix = affixOf(ctx, source);
  const bytes = affix ?? source.program;
  const scratch = affix !== undefined ? AFFIX_SCRATCH_BYTES : groupScratchBytes(source.program, source.onePass);
  ctx.matchScratchBytes = Math.max(ctx.matchScratchBytes, scratch);
  return ctx.data.bytes(bytes, `${affix !== undefined ? "affix" : "groups"} /${source.pattern.pattern}/`);
}

/** The affix program of `source`'s pattern, unless it has another shape or the build turned affixes off. */
function affixOf(ctx: LowerContext, source: MatchSource): Uint8Array | undefined {
  return ctx.affixGroups ? affixProgram(source.pattern.pattern) : undefined;
}

/** The declaration of the scratch area, when a rule reads `match`. */
export function matchScratchDeclarations(ctx: LowerContext): string[] {
  return ctx.matchScratchBytes === 0 ? [] : [`const ${MATCH_SCRATCH} = memory.data(${ctx.matchScratchBytes}, 16);`];
}
