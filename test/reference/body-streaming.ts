/**
 * language.md, "Streaming or holding a body", as the reference interpreter reads it (written from the docs, not
 * from compiler/lower/body-stream.ts): a body phase streams when every rule of it only detects, and then maxBody
 * does not apply to it. Streaming and holding decide the same otherwise, so this is all the interpreter needs.
 * (The docs' last case, patterns needing too large an automaton, cannot arise from the generator's patterns.)
 */
import type { Action, Expression } from "../../grammar/ast.js";
import type { CheckedProgram } from "../../compiler/check/index.js";
import type { Phase } from "../../compiler/phases.js";
import { children, ruleActions, ruleConditions } from "../../grammar/walk.js";

/** "its actions only observe: log, count, observe, let". */
const OBSERVING = new Set<Action["kind"]>(["Log", "Count", "Observe", "Let"]);

/** Whether the body phase `phase` of the program streams its body (and so has no maxBody). */
export function streamsBody(checked: CheckedProgram, phase: Phase): boolean {
  const isBody = (e: Expression) => e.kind === "Reference" && e.key === undefined && ["request.body", "response.body"].includes(e.segments.map((s) => s.name).join(".")) && !checked.matchGroups.has(e);
  // "it uses the body only in BODY contains/starts_with/ends_with "text", BODY matches "regex" and size(BODY)".
  const detects = (e: Expression): boolean => {
    if (isBody(e)) return false;
    if (e.kind === "Binary" && isBody(e.left)) {
      if (e.op === "matches") return e.right.kind === "RegexLiteral";
      return ["contains", "starts_with", "ends_with"].includes(e.op) && e.right.kind === "StringLiteral";
    }
    if (e.kind === "Call" && e.callee.name === "size" && e.args.length === 1 && isBody(e.args[0]!)) return true;
    return children(e).every(detects);
  };
  return checked.rules
    .filter((r) => r.phase === phase)
    .every((r) => {
      const source = checked.matchSources.get(r.rule);
      if (source !== undefined && isBody(source.subject)) return false;
      const actions = ruleActions(r.rule);
      return actions.every((a) => OBSERVING.has(a.kind)) && [...ruleConditions(r.rule), ...actions.flatMap(actionExpressions)].every(detects);
    });
}

function actionExpressions(action: Action): Expression[] {
  switch (action.kind) {
    case "Log":
      return [action.message];
    case "Count":
      return action.by === undefined ? [] : [action.by.value];
    case "Observe":
    case "Let":
      return [action.value];
    default:
      return [];
  }
}
