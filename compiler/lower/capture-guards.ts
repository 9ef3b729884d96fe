import type { Expression } from "../../grammar/ast.js";
import type { RuleInfo } from "../check/result.js";
import { isLaterSide, recordingPhase, sideOf } from "../phases.js";
import { joinCode, code, type Code } from "../ir/code.js";
import type { RuleCaptures } from "../ir/passes/captures.js";
import type { LowerContext } from "./context.js";
import { lowerExpression } from "./expression.js";
import { isValueOfSide, sourcesRead } from "./reads.js";

/**
 * Request values that response rules read are captured at the end of the request phase, and reading one is a
 * host call. A value is needed only if a rule that reads it can still fire, and often its condition already says
 * it cannot: `when request.path starts_with "/admin"` depends on request values alone, which are final by then.
 * Such a part of a condition becomes a request verdict (request-verdicts.ts), and the values the rule reads are
 * captured only when the verdict holds. Past the last verdict flag (or with verdicts off) the response phase
 * evaluates the whole condition, so the values it reads are always captured, and those only its actions read are
 * captured when its request-only part holds. A slot left ABSENT is never read by a rule that cannot fire.
 * ir/passes/captures.ts decides, per slot, under which guards it is taken.
 */

/** How a response rule's condition splits around what the request alone decides. */
export interface RequestPart {
  /** The request-only conjuncts, lowered for the end of the request phase and joined by `&&`. */
  readonly guard: Code;
  /** The flag of the request verdict that keeps their value, when it could be one (request-verdicts.ts). */
  readonly verdict?: bigint;
  /** The conjuncts the response phase evaluates itself. */
  readonly rest: readonly Expression[];
}

/**
 * The request-only part of a response rule's condition; undefined when it has none. Call it before the test sets
 * are planned, as it may add tests of request values.
 */
export function requestPart(ctx: LowerContext, info: RuleInfo): RequestPart | undefined {
  const condition = info.rule.condition;
  if (condition === undefined || !isLaterSide(info.phase)) return undefined;
  const conjuncts = topLevelConjuncts(condition);
  const requestOnly = conjuncts.filter((c) => readsRequestValuesOnly(ctx, c));
  if (requestOnly.length === 0) return undefined;
  const guard = joinCode(requestOnly.map((c) => code`(${lowerExpression(ctx, c, recordingPhase())})`), " && ");
  return { guard, verdict: ctx.verdicts.flag(guard), rest: conjuncts.filter((c) => !requestOnly.includes(c)) };
}

function topLevelConjuncts(expr: Expression): Expression[] {
  if (expr.kind === "Paren") return topLevelConjuncts(expr.expression);
  if (expr.kind === "Binary" && expr.op === "and") return [...topLevelConjuncts(expr.left), ...topLevelConjuncts(expr.right)];
  return [expr];
}

/**
 * Whether the expression reads request values (headers, query, cookies), and nothing else but literals. Params are
 * out: a reconfiguration between the two phases may change them. So are properties and response headers, which the
 * response phase reads live.
 */
function readsRequestValuesOnly(ctx: LowerContext, expr: Expression): boolean {
  const sources = sourcesRead(ctx, expr);
  const recorded = sideOf(recordingPhase());
  return sources.size > 0 && [...sources].every((s) => isValueOfSide(s, recorded));
}
