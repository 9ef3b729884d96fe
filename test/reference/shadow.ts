/**
 * Shadow mode (docs/language.md, "Shadow mode: rolling out a rule"): a shadowed rule whose branch holds runs only
 * the actions that only observe (`log`, `let`, `count`, `observe`), then logs at info level what it would have
 * done and counts the firing, and changes nothing else.
 */
import type { Action, Expression } from "../../grammar/ast.js";
import type { RuleInfo } from "../../compiler/check/index.js";
import { escapeLogLine, runActions, type ActionTarget } from "./actions.js";
import { toBytes } from "./model.js";

/** A branch of a shadowed rule fired. */
export function runShadowed(target: ActionTarget, info: RuleInfo, actions: readonly Action[]): void {
  const reached = reachedActions(actions);
  runActions(target, reached.filter(observes));
  const would = reached.flatMap((action) => (observes(action) ? [] : [wouldDo(action)]));
  const what = would.length === 0 ? "matched, nothing to enforce" : `would ${would.join(", ")}`;
  target.log("info", escapeLogLine(toBytes(`shadow rule "${info.name!}": ${what}`)));
  target.metrics.shadowFired(info.name!);
}

/** language.md, "Shadow mode": what only reports or remembers takes effect in a shadow rule too. */
function observes(action: Action): boolean {
  return action.kind === "Log" || action.kind === "Let" || action.kind === "Count" || action.kind === "Observe";
}

/** The actions up to the first `deny`, `respond`, `redirect` or `stop`: the rest never run when it is enforced. */
function reachedActions(actions: readonly Action[]): readonly Action[] {
  const end = actions.findIndex((a) => a.kind === "Deny" || a.kind === "Respond" || a.kind === "Redirect" || a.kind === "Stop");
  return end < 0 ? actions : actions.slice(0, end + 1);
}

/** The table of docs/language.md: how the line names each action. */
function wouldDo(action: Action): string {
  switch (action.kind) {
    case "HeaderAssign":
      return `${action.op} ${action.name.value}`;
    case "HeaderRemove":
      return `remove ${action.name.value}`;
    case "HeaderRemovePrefix":
      return `remove prefix ${action.prefix.value}`;
    case "HeaderRename":
      return `rename ${action.from.value} to ${action.to.value}`;
    case "QueryParam":
      return `${action.op} query ${action.key.value}`;
    case "RewritePath":
      return "rewrite path";
    case "RewritePrefix":
      return `rewrite prefix ${action.from.value}`;
    case "Deny":
      return `deny ${intOf(action.status)}`;
    case "Respond":
      return `respond ${intOf(action.status)}`;
    case "Redirect": {
      const status = action.status === undefined ? 302 : intOf(action.status);
      const location = literalText(action.location);
      return location === undefined ? `redirect ${status}` : `redirect ${status} to ${location}`;
    }
    case "Stop":
      return "stop";
    case "Replace":
      return action.target.kind === "RegexLiteral" ? `replace matches "${action.target.pattern}"` : `replace "${action.target.value}"`;
    case "Log":
      throw new Error("reference interpreter: a log action takes effect in a shadowed rule");
  }
}

function intOf(expr: Expression): number {
  if (expr.kind !== "IntLiteral") throw new Error("reference interpreter: a status is an int literal");
  return expr.value;
}

/** A location written as a string with nothing to evaluate (a literal, or a template of text only). */
function literalText(expr: Expression): string | undefined {
  if (expr.kind === "Paren") return literalText(expr.expression);
  if (expr.kind === "StringLiteral") return expr.value;
  if (expr.kind === "TemplateString" && expr.parts.every((p) => p.kind === "TemplateText")) return expr.parts.map((p) => (p.kind === "TemplateText" ? p.value : "")).join("");
  return undefined;
}

/** Whether the program declares a shadow rule: then every named rule can be flipped by the configuration. */
export function flipsRules(rules: readonly RuleInfo[]): boolean {
  return rules.some((r) => r.name !== undefined && r.rule.shadow !== undefined);
}
