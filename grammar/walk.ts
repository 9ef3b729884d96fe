import type { Expression, Rule, Span } from "./ast.js";

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

/**
 * `rule "name" on PHASE`: where rule-level problems point. The whole rule may span many lines; its head is what a
 * reader recognises it by, and a one-line span keeps annotations in CI tidy.
 */
export function ruleHead(rule: Rule): Span {
  return { start: rule.span.start, end: rule.phase.span.end };
}
