import type { Expression } from "../../grammar/ast.js";
import type { CheckedProgram, VariableInfo } from "../check/result.js";
import { code, type Code } from "../ir/code.js";
import type { LowerContext } from "./context.js";

/**
 * Request-scoped variables (`let`, compiler/check/variables.ts) in the generated module. During a callback a
 * variable is a global `V_<name>`: a `Str` for a string (a view of the value it was set to, never a copy), an
 * `i64` for an int, and for a bool an `i64` of three states (0, 1 or ABSENT_INT), as a bool variable may be unset.
 * Each callback that uses a variable first sets it: to ABSENT, or in a phase of a later side to the value the
 * stream captured at the end of the request phase (stream-state.ts), the only copy of it.
 */

export function variableGlobal(variable: VariableInfo): string {
  return `V_${variable.name}`;
}

/** The variable an expression reads when it is one (parentheses aside). */
export function variableRead(ctx: LowerContext, expr: Expression): VariableInfo | undefined {
  if (expr.kind === "Paren") return variableRead(ctx, expr.expression);
  if (expr.kind !== "Reference" || ctx.checked.matchGroups.has(expr)) return undefined;
  const resolution = ctx.resolve(expr);
  return resolution.kind === "variable" ? resolution.variable : undefined;
}

/** A read as a value: the global, and for a bool the condition that it is set and true. */
export function lowerVariable(variable: VariableInfo): Code {
  const global = variableGlobal(variable);
  return variable.type === "bool" ? `(${global} == 1)` : global;
}

/** A bool variable as text: absent when unset, as every absent value. */
export function boolVariableText(variable: VariableInfo): Code {
  const global = variableGlobal(variable);
  return `(${global} == ABSENT_INT ? ABSENT : boolText(${global} == 1))`;
}

/**
 * A bool operand of `==` or `!=` as an i64 of three states, so that an unset bool variable compares as absent
 * (false, `!=` true) rather than as false.
 */
export function triStateBool(ctx: LowerContext, expr: Expression, lowerValue: (expr: Expression) => Code): Code {
  const variable = variableRead(ctx, expr);
  if (variable !== undefined) return variableGlobal(variable);
  return code`<i64>(${lowerValue(expr)})`;
}

/** The value a `let` assigns to the variable's global. */
export function lowerVariableValue(ctx: LowerContext, variable: VariableInfo, value: Expression, lowerValue: (expr: Expression) => Code): Code {
  return variable.type === "bool" ? triStateBool(ctx, value, lowerValue) : lowerValue(value);
}

/** `let V_<name>: ...` for every variable. */
export function variableDeclarations(checked: CheckedProgram): string[] {
  return checked.variables.map((variable) => `let ${variableGlobal(variable)}: ${variable.type === "string" ? "Str = ABSENT" : "i64 = ABSENT_INT"};`);
}
