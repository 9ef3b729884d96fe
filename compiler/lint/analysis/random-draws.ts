import type { Expression } from "../../../grammar/ast.js";
import { walkExpression } from "../../../grammar/walk.js";
import { functionDefinition } from "../../functions/registry.js";

/**
 * Whether evaluating the expression draws random numbers (`random()`, `uuid()`). A fix must not remove such a
 * draw even where its value is unused: every later draw would change, and `filterc test` seeds them.
 */
export function drawsRandom(expression: Expression): boolean {
  let draws = false;
  walkExpression(expression, (e) => {
    if (e.kind === "Call" && functionDefinition(e.callee.name)?.random === true) draws = true;
  });
  return draws;
}
