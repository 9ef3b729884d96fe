/**
 * Expressions and conditions (docs/language.md, Conditions and Missing values): evaluation of the AST with the
 * checker's resolution of names (which Reference is a param, which a field) and nothing of the code generator.
 */
import { isArithmetic, type ArithmeticOperator, type Binary, type Expression } from "../../grammar/ast.js";
import type { CheckedProgram } from "../../compiler/check/index.js";
import { inRanges, parseRange, type Range } from "./addresses.js";
import { isAddress, isField, readField, type FieldSources, type Value } from "./fields.js";
import { applyFunction } from "./functions.js";
import { toBytes } from "./model.js";
import type { FilterRandom } from "./random.js";
import { regexMatches } from "./regex.js";

/** Everything an expression can read: fields of the phase and the params' current values. */
export interface Scope {
  readonly checked: CheckedProgram;
  readonly fields: FieldSources;
  /** Param values by name; list items and strings as byte strings. */
  readonly params: ReadonlyMap<string, Value>;
  /** In a rule's actions, the groups of its condition's `matches` (`match[N]`; absent ones undefined). */
  readonly match?: readonly (string | undefined)[];
  /** The stream's variables that a `let` has set so far (docs/language.md, Variables); an unset one is absent. */
  readonly variables: Map<string, Value>;
  /** Where `random()` and `uuid()` take their values, in evaluation order. */
  readonly random: FilterRandom;
}

export function evaluate(scope: Scope, expr: Expression): Value {
  switch (expr.kind) {
    case "StringLiteral":
      return toBytes(expr.value);
    case "IntLiteral":
      return BigInt(expr.value);
    case "BoolLiteral":
      return expr.value;
    case "TemplateString":
      return expr.parts.map((part) => (part.kind === "TemplateText" ? toBytes(part.value) : text(evaluate(scope, part)))).join("");
    case "ListLiteral":
      return expr.items.map((item) => evaluate(scope, item) as string);
    case "Paren":
      return evaluate(scope, expr.expression);
    case "Not":
      return !evaluate(scope, expr.operand);
    case "Reference": {
      const group = scope.checked.matchGroups.get(expr);
      if (group !== undefined) {
        if (scope.match === undefined) throw new Error("reference interpreter: `match` outside the actions of its rule");
        return scope.match[group.index];
      }
      const resolution = scope.checked.references.get(expr);
      if (resolution === undefined) throw new Error("reference interpreter: unresolved name");
      if (resolution.kind === "param") return scope.params.get(resolution.param.name);
      if (resolution.kind === "variable") return scope.variables.get(resolution.variable.name);
      return readField(scope.fields, resolution.field.name, resolution.key);
    }
    case "Call":
      return call(scope, expr.callee.name, expr.args);
    case "Binary":
      return binary(scope, expr);
    case "RegexLiteral":
      throw new Error("reference interpreter: a pattern outside `matches`");
  }
}

/** Any scalar as text, for interpolation and header values: an absent value is the empty string. */
export function text(value: Value): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

function call(scope: Scope, name: string, args: readonly Expression[]): Value {
  const values = args.map((arg) => evaluate(scope, arg));
  switch (name) {
    case "exists":
      return values[0] !== undefined;
    case "hash":
      // Ints and bools hash as their text, which this module writes.
      return values[0] === undefined ? undefined : applyFunction(name, [text(values[0])]);
    // A new value at every evaluation (language.md, "random() and uuid()").
    case "random":
      return scope.random.int();
    case "uuid":
      return scope.random.uuid();
  }
  return applyFunction(name, values);
}

function binary(scope: Scope, expr: Binary): Value {
  if (expr.op === "and") return Boolean(evaluate(scope, expr.left)) && Boolean(evaluate(scope, expr.right));
  if (expr.op === "or") return Boolean(evaluate(scope, expr.left)) || Boolean(evaluate(scope, expr.right));
  const left = evaluate(scope, expr.left);
  if (expr.op === "matches") {
    if (expr.right.kind !== "RegexLiteral") throw new Error("reference interpreter: `matches` needs a pattern");
    return left !== undefined && regexMatches(expr.right.pattern, left as string);
  }
  const right = evaluate(scope, expr.right);
  if (isArithmetic(expr.op)) return arithmetic(expr.op, left as bigint | undefined, right as bigint | undefined);
  // An absent value makes every comparison false, except `!=`, which is true.
  if (left === undefined || right === undefined) return expr.op === "!=";
  switch (expr.op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return (left as bigint) < (right as bigint);
    case "<=":
      return (left as bigint) <= (right as bigint);
    case ">":
      return (left as bigint) > (right as bigint);
    case ">=":
      return (left as bigint) >= (right as bigint);
    case "contains":
      return (left as string).includes(right as string);
    case "starts_with":
      return (left as string).startsWith(right as string);
    case "ends_with":
      return (left as string).endsWith(right as string);
    // Any item of the list, as docs/language.md says; an empty item is in every value, an empty list in none.
    case "contains any":
      return (right as readonly string[]).some((item) => (left as string).includes(item));
    case "starts_with any":
      return (right as readonly string[]).some((item) => (left as string).startsWith(item));
    case "ends_with any":
      return (right as readonly string[]).some((item) => (left as string).endsWith(item));
    case "in": {
      const items = right as readonly string[];
      if (!isAddress(scope.checked, expr.left)) return items.includes(left as string);
      return inRanges(left as string, items.map((item) => parseRange(item)).filter((r): r is Range => r !== undefined));
    }
  }
}

/** The smallest i64: the one result that reads as absent (docs/language.md, Arithmetic). */
const ABSENT_INT = -(2n ** 63n);

/**
 * docs/language.md, Arithmetic: absent in, absent out; `/ 0` and `% 0` are absent; the result wraps to 64 bits, and
 * one that wraps onto -2^63 is absent. BigInt `/` truncates toward zero and `%` takes the dividend's sign, as the
 * language says.
 */
function arithmetic(op: ArithmeticOperator, left: bigint | undefined, right: bigint | undefined): bigint | undefined {
  if (left === undefined || right === undefined) return undefined;
  if ((op === "/" || op === "%") && right === 0n) return undefined;
  const exact = op === "+" ? left + right : op === "-" ? left - right : op === "*" ? left * right : op === "/" ? left / right : left % right;
  const wrapped = BigInt.asIntN(64, exact);
  return wrapped === ABSENT_INT ? undefined : wrapped;
}
