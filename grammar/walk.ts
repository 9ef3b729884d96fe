import type { Action, Expression, Rule, Span } from "./ast.js";

/** The direct sub-expressions of an expression (template parts, operands, arguments, list items, the key). */
export function children(expression: Expression): readonly Expression[] {
  switch (expression.kind) {
    case "TemplateString":
      return expression.parts.filter((p): p is Expression => p.kind !== "TemplateText");
    case "ListLiteral":
      return expression.items;
    case "Reference":
      return expression.key === undefined ? [] : [expression.key];
    case "Call":
      return expression.args;
    case "Binary":
      return [expression.left, expression.right];
    case "Not":
      return [expression.operand];
    case "Paren":
      return [expression.expression];
    default:
      return [];
  }
}

/**
 * Visits an expression and everything inside it, parents first. `visit` returning false skips the children, for
 * rules that treat a subtree as a whole (the argument of `exists`).
 */
export function walkExpression(expression: Expression, visit: (e: Expression) => boolean | void): void {
  if (visit(expression) === false) return;
  for (const child of children(expression)) walkExpression(child, visit);
}

/** The expressions an action evaluates: values, statuses, bodies, locations, messages, header entries. */
export function actionExpressions(action: Action): Expression[] {
  switch (action.kind) {
    case "HeaderAssign":
      return [action.value];
    case "QueryParam":
      return action.value === undefined ? [] : [action.value];
    case "RewritePath":
      return [action.value];
    case "RewritePrefix":
      return [action.to];
    case "Deny":
      return action.body === undefined ? [action.status] : [action.status, action.body];
    case "Respond":
      return [action.status, ...(action.body === undefined ? [] : [action.body]), ...action.headers.map((h) => h.value)];
    case "Redirect":
      return action.status === undefined ? [action.location] : [action.status, action.location];
    case "Log":
      return [action.message];
    default:
      return [];
  }
}

/** Actions that end rule processing: a local response ends the stream's rules, `stop` the phase's. */
export function isTerminator(action: Action): boolean {
  return action.kind === "Deny" || action.kind === "Respond" || action.kind === "Redirect" || action.kind === "Stop";
}

export function isLocalResponse(action: Action): boolean {
  return action.kind === "Deny" || action.kind === "Respond" || action.kind === "Redirect";
}

/** The first action that ends processing, if any: later actions of the rule never run. */
export function firstTerminator(rule: Rule): Action | undefined {
  return rule.actions.find(isTerminator);
}

/** The keyword that starts an action, as messages name it: `deny`, `respond`, `set`. */
export function actionKeyword(action: Action): string {
  switch (action.kind) {
    case "HeaderAssign":
      return action.op;
    case "HeaderRemove":
    case "HeaderRemovePrefix":
      return "remove";
    case "HeaderRename":
      return "rename";
    case "QueryParam":
      return action.op;
    case "RewritePath":
    case "RewritePrefix":
      return "rewrite";
    case "Deny":
      return "deny";
    case "Respond":
      return "respond";
    case "Redirect":
      return "redirect";
    case "Log":
      return "log";
    case "Stop":
      return "stop";
  }
}

/**
 * `rule "name" on PHASE`: where rule-level problems point. The whole rule may span many lines; its head is what a
 * reader recognises it by, and a one-line span keeps annotations in CI tidy.
 */
export function ruleHead(rule: Rule): Span {
  return { start: rule.span.start, end: rule.phase.span.end };
}
