import type { Action, ElseBranch, Expression, Import, Program, Rule, Scope, Span, Statement } from "./ast.js";

/** A file's statements and `import` lines, in source order: what the formatter prints and comments attach to. */
export function declarations(program: Program): readonly (Statement | Import)[] {
  if (program.imports === undefined) return program.statements;
  return [...program.statements, ...program.imports].sort((a, b) => a.span.start - b.span.start);
}

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

/**
 * One branch of a rule: the rule's own `when`/actions (index 0), then each `else when` and `else` in order. `span`
 * is where a branch-level problem points: the rule's head for the first, the `else` keyword for the others.
 */
export interface RuleBranch {
  readonly index: number;
  readonly condition?: Expression;
  readonly actions: readonly Action[];
  readonly block: boolean;
  readonly span: Span;
}

/** The branches of a rule in order: a rule without `else` has exactly one. */
export function ruleBranches(rule: Rule): RuleBranch[] {
  const first: RuleBranch = { index: 0, actions: rule.actions, block: rule.block, span: ruleHead(rule), ...(rule.condition && { condition: rule.condition }) };
  const others = (rule.elseBranches ?? []).map(
    (branch, i): RuleBranch => ({ index: i + 1, actions: branch.actions, block: branch.block, span: elseKeyword(branch), ...(branch.condition && { condition: branch.condition }) }),
  );
  return [first, ...others];
}

/** Every action of a rule, across its branches, in source order. */
export function ruleActions(rule: Rule): readonly Action[] {
  return rule.elseBranches === undefined ? rule.actions : ruleBranches(rule).flatMap((branch) => branch.actions);
}

/** Every condition of a rule (`when` and each `else when`), in source order. */
export function ruleConditions(rule: Rule): Expression[] {
  return ruleBranches(rule).flatMap((branch) => (branch.condition === undefined ? [] : [branch.condition]));
}

/** The `else` keyword that starts a branch. */
export function elseKeyword(branch: ElseBranch): Span {
  return { start: branch.span.start, end: branch.span.start + "else".length };
}

/** A rule with the `for` scopes around it, outermost first (empty at the top level). */
export interface ScopedRule {
  readonly rule: Rule;
  readonly scopes: readonly Scope[];
}

/** Every rule of a program in file order, inside `for` blocks too: the order rules run in. */
export function programRules(statements: readonly Statement[]): ScopedRule[] {
  const out: ScopedRule[] = [];
  const visit = (items: readonly Statement[], scopes: readonly Scope[]): void => {
    for (const item of items) {
      if (item.kind === "Rule") out.push({ rule: item, scopes });
      else if (item.kind === "Scope") visit(item.statements, [...scopes, item]);
    }
  };
  visit(statements, []);
  return out;
}

/** Every `for` block of a program, outer ones before the scopes inside them, each with the scopes around it. */
export function programScopes(statements: readonly Statement[]): { readonly scope: Scope; readonly outer: readonly Scope[] }[] {
  const out: { scope: Scope; outer: readonly Scope[] }[] = [];
  const visit = (items: readonly Statement[], outer: readonly Scope[]): void => {
    for (const item of items) {
      if (item.kind !== "Scope") continue;
      out.push({ scope: item, outer });
      visit(item.statements, [...outer, item]);
    }
  };
  visit(statements, []);
  return out;
}
