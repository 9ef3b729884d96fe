import type { Let } from "../../grammar/ast.js";
import { checkVariableSet } from "../check/variables.js";
import { inferExpression } from "../check/expressions.js";
import { lowerVariableValue, variableGlobal } from "../lower/variables.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/** `let NAME = EXPR`: sets a request-scoped variable (docs/language.md, Variables; compiler/check/variables.ts). */
export const letVariable: ActionDefinition<Let> = {
  keyword: () => "let",
  synopsis: "`let NAME = EXPR`",
  production: "let",
  // A variable is what later rules read, in shadow as in enforce: setting one changes no traffic.
  shadow: { effect: "observes" },
  expressions: (action) => [action.value],
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  check(ctx, action) {
    checkVariableSet(ctx, action, inferExpression(ctx, action.value));
  },
  lower(lowering, action) {
    const variable = lowering.ctx.checked.variables.find((v) => v.name === action.name.name);
    if (variable === undefined) throw new Error(`internal: variable ${action.name.name} was not collected`);
    return [{ kind: "SetVariable", global: variableGlobal(variable), value: lowerVariableValue(lowering.ctx, variable, action.value, (e) => lowering.value(e)) }];
  },
};
