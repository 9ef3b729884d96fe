import type { Expression, RegexLiteral, Replace } from "../../grammar/ast.js";
import { error } from "../../grammar/diagnostic.js";
import type { CheckContext } from "../check/context.js";
import { BODY } from "../check/actions.js";
import { emptyReplaceText, replaceOutsideBody } from "../check/errors/body-replace.js";
import { checkPattern } from "../check/regex.js";
import { checkTextValue } from "../check/values.js";
import { BODY_GLOBAL } from "../lower/body-phase.js";
import { replaceScratch } from "../lower/replace-scratch.js";
import { compileGroupProgram, groupScratchBytes, MAX_GROUP_CELLS } from "../regex/group-program.js";
import { isBodyPhase, phaseDefinition } from "../phases.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/**
 * `replace "text" with EXPR` and `replace matches "regex" with EXPR`, in a body phase: every non-overlapping match
 * of the held body, left to right (leftmost-longest for a pattern, as `match[N]` finds it), becomes EXPR; the new
 * body is written back and later rules of the phase read it (runtime/body-replace.ts). The headers phase of the
 * same side removes `content-length` (lower/body-reframe.ts).
 */
export const replace: ActionDefinition<Replace> = {
  keyword: () => "replace",
  synopsis: '`replace "TEXT" with EXPR`, `replace matches "REGEX" with EXPR`',
  production: "replace",
  expressions: (action) => [action.value],
  // It changes the body, not the phase's headers: no header writes.
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  shadow: { effect: "enforces", would: (action) => `replace ${action.target.kind === "RegexLiteral" ? "matches " : ""}"${targetText(action)}"` },
  check(ctx, action) {
    if (ctx.phase !== undefined && !isBodyPhase(ctx.phase)) ctx.report(replaceOutsideBody(action.span, ctx.phase));
    if (action.target.kind === "RegexLiteral") checkReplacePattern(ctx, action.target);
    else if (action.target.value === "") ctx.report(emptyReplaceText(action.target.span));
    checkTextValue(ctx, action.value, BODY);
  },
  lower(lowering, action) {
    // The checker allows `replace` in body phases only.
    const bufferType = phaseDefinition(lowering.phase).body!.bufferType;
    const to = interpolatesAlone(action.value) ? `concat2(${lowering.text(action.value)}, EMPTY)` : lowering.text(action.value);
    if (action.target.kind === "StringLiteral") {
      return [{ kind: "SetVariable", global: BODY_GLOBAL, value: `bodyReplace(${bufferType}, ${BODY_GLOBAL}, ${lowering.constant(action.target.value)}, ${to})` }];
    }
    const compiled = compileGroupProgram(action.target.pattern);
    // The checker compiled the pattern (checkPattern); a pattern too large for a group program is reported there too.
    if (!compiled.ok) throw new Error(`internal: replace pattern /${action.target.pattern}/ has no group program`);
    const program = compiled.program;
    // Searches after the body's first byte: the same program, with the `^`-anchored entry replaced by the entry at
    // later offsets (the header of compiler/regex/group-program.ts: bytes 4-5 and 6-7).
    const later = program.slice();
    later[4] = program[6]!;
    later[5] = program[7]!;
    const data = lowering.ctx.data;
    const scratch = replaceScratch(lowering.ctx, groupScratchBytes(program, false));
    const args = `${data.bytes(program, `replace /${action.target.pattern}/`)}, ${data.bytes(later, `replace /${action.target.pattern}/ after the start`)}, ${scratch}`;
    return [{ kind: "SetVariable", global: BODY_GLOBAL, value: `bodyReplaceMatches(${bufferType}, ${BODY_GLOBAL}, ${args}, ${to})` }];
  },
};

/**
 * The pattern compiles as a `matches` pattern does, and to a group program, which finds where each match starts
 * and ends: a pattern too large for one gets the regex compiler's own code, at the pattern.
 */
function checkReplacePattern(ctx: CheckContext, literal: RegexLiteral): void {
  const before = ctx.regexTables.has(literal);
  checkPattern(ctx, literal);
  if (before || !ctx.regexTables.has(literal)) return;
  const compiled = compileGroupProgram(literal.pattern);
  if (compiled.ok) return;
  for (const problem of compiled.errors) {
    const message = `this pattern is too large to replace the matches of (its program's instructions times its group offsets pass ${MAX_GROUP_CELLS} cells)`;
    ctx.report(error(problem.code, literal.span, message, problem.hint));
  }
}

/**
 * `"${x}"`: a template is never absent, an absent part interpolating as "" (docs/language.md, "Missing values"), but
 * one made of a single interpolation lowers to the part itself, absent when it is.
 */
function interpolatesAlone(value: Expression): boolean {
  if (value.kind === "Paren") return interpolatesAlone(value.expression);
  if (value.kind !== "TemplateString") return false;
  const parts = value.parts.filter((part) => part.kind !== "TemplateText" || part.value !== "");
  return parts.length === 1 && parts[0]!.kind !== "TemplateText";
}

function targetText(action: Replace): string {
  return action.target.kind === "RegexLiteral" ? action.target.pattern : action.target.value;
}
