import type { Identifier } from "../../grammar/ast.js";
import { isPhase, PHASES, type Phase } from "../phases.js";
import { closestName, editDistance } from "../../grammar/suggest.js";
import type { CheckContext } from "./context.js";
import { unknownPhase } from "./errors/names.js";

/**
 * The phase a rule names. For an unknown phase the error is reported and the nearest phase is returned as a
 * stand-in, so the rule still gets a RuleInfo; `valid` is false and the caller turns phase-dependent checks off
 * for that rule, since they would be guesses.
 */
export function resolvePhase(ctx: CheckContext, name: Identifier): { phase: Phase; valid: boolean } {
  if (isPhase(name.name)) return { phase: name.name, valid: true };
  const suggestion = closestName(name.name, PHASES) ?? PHASES.find((p) => p.startsWith(`${name.name}_`));
  const hint =
    suggestion !== undefined
      ? `did you mean \`${suggestion}\`?`
      : `the phases are ${PHASES.map((p) => `\`${p}\``).join(", ").replace(/, ([^,]*)$/, " and $1")}`;
  ctx.report(unknownPhase(name.span, name.name, hint));
  return { phase: (suggestion as Phase | undefined) ?? nearest(name.name), valid: false };
}

function nearest(name: string): Phase {
  return [...PHASES].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0]!;
}
