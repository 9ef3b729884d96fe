import type { Binary, Expression, Program } from "../grammar/ast.js";
import { programRules, walkExpression } from "../grammar/walk.js";
import { ruleExpressions } from "../compiler/actions/registry.js";
import { contains } from "./ranges.js";

/** Every expression of a program: its rules' conditions and action operands, and its params' values. */
export function programExpressions(program: Program): Expression[] {
  const roots: Expression[] = [];
  for (const statement of program.statements) if (statement.kind === "ParamDecl") roots.push(statement.value);
  for (const { rule } of programRules(program.statements)) roots.push(...ruleExpressions(rule));
  const all: Expression[] = [];
  for (const root of roots) walkExpression(root, (e) => void all.push(e));
  return all;
}

/** The operator under the cursor, if any. */
export function binaryAt(program: Program, offset: number): Binary | undefined {
  return programExpressions(program).find((e): e is Binary => e.kind === "Binary" && contains(e.opSpan, offset));
}
