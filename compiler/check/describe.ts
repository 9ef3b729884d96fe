import type { Expression, Reference } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";

/**
 * Expressions and types as messages quote them. The checker has the AST, not the text, so it prints what the
 * user wrote in canonical form: `request.header["x-id"]`, `"500"`, `lower(request.path)`.
 */

/** `request.header["x-id"]` for a reference, the dotted name and key as written. */
export function referenceName(reference: Reference): string {
  const name = reference.segments.map((s) => s.name).join(".");
  return reference.key === undefined ? name : `${name}[${describeExpression(reference.key)}]`;
}

/** The dotted name alone, without the key. */
export function dottedName(reference: Reference): string {
  return reference.segments.map((s) => s.name).join(".");
}

/** Short source-like text for an expression; long or compound ones become a phrase such as "this condition". */
export function describeExpression(expression: Expression): string {
  switch (expression.kind) {
    case "StringLiteral":
      return `"${expression.raw}"`;
    case "IntLiteral":
      return String(expression.value);
    case "BoolLiteral":
      return String(expression.value);
    case "Reference":
      return referenceName(expression);
    case "Call":
      return `${expression.callee.name}(${expression.args.map(describeExpression).join(", ")})`;
    case "Paren":
      return `(${describeExpression(expression.expression)})`;
    case "ListLiteral":
      return expression.items.length <= 3 ? `[${expression.items.map(describeExpression).join(", ")}]` : "this list";
    case "TemplateString":
      return "this string";
    case "RegexLiteral":
      return `"${expression.pattern}"`;
    case "Binary":
      return `${describeExpression(expression.left)} ${expression.op} ${describeExpression(expression.right)}`;
    case "Not":
      return `not ${describeExpression(expression.operand)}`;
  }
}

/** `request.path` quoted as code, or a phrase left as it is. */
export function quoted(expression: Expression): string {
  const text = describeExpression(expression);
  return text.startsWith("this ") ? text : `\`${text}\``;
}

/** "a string", "an int": the article matters in "cannot compare X (an int) with Y (a string)". */
export function withArticle(type: ValueType): string {
  return type === "int" ? "an int" : `a ${type}`;
}

/**
 * Conditions the user may have meant when they wrote a value where a condition goes: `exists(request.header["x"])`
 * or `request.header["x"] == "..."` for a string field, `response.status == 200` for an int.
 */
export function conditionExamples(expression: Expression, type: ValueType): string[] {
  let inner = expression;
  while (inner.kind === "Paren") inner = inner.expression;
  if (inner.kind !== "Reference" && inner.kind !== "Call") return [];
  const text = describeExpression(inner);
  if (type === "int") return [`${text} == 200`];
  if (type !== "string") return [];
  const isField = inner.kind === "Reference" && inner.segments.length > 1;
  return isField ? [`exists(${text})`, `${text} == "..."`] : [`${text} == "..."`];
}
