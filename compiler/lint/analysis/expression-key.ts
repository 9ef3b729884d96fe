import type { Expression } from "../../../grammar/ast.js";

/**
 * A canonical text of an expression: equal for expressions that are written the same way up to spacing and
 * parentheses. Rules compare conditions and values with it ("identical conditions") instead of walking two trees.
 */
export function expressionKey(expression: Expression): string {
  switch (expression.kind) {
    case "StringLiteral":
      return JSON.stringify(expression.value);
    case "TemplateString":
      return `\`${expression.parts.map((p) => (p.kind === "TemplateText" ? JSON.stringify(p.value) : `\${${expressionKey(p)}}`)).join("")}\``;
    case "RegexLiteral":
      return `/${JSON.stringify(expression.pattern)}/`;
    case "IntLiteral":
      return String(expression.value);
    case "BoolLiteral":
      return String(expression.value);
    case "ListLiteral":
      return `[${expression.items.map(expressionKey).join(",")}]`;
    case "Reference": {
      const name = expression.segments.map((s) => s.name).join(".");
      return expression.key === undefined ? name : `${name}[${expressionKey(expression.key)}]`;
    }
    case "Call":
      return `${expression.callee.name}(${expression.args.map(expressionKey).join(",")})`;
    case "Binary":
      return `(${expressionKey(expression.left)} ${expression.op} ${expressionKey(expression.right)})`;
    case "Not":
      return `(not ${expressionKey(expression.operand)})`;
    case "Paren":
      return expressionKey(expression.expression);
  }
}
