/**
 * Expressions and conditions (docs/language.md, Conditions and Missing values): evaluation of the AST with the
 * checker's resolution of names (which Reference is a param, which a field) and nothing of the code generator.
 */
import type { Binary, Expression } from "../../grammar/ast.js";
import type { CheckedProgram } from "../../compiler/check/index.js";
import { inRanges, parseRange, type Range } from "./addresses.js";
import { isAddress, isAddressText, readField, type FieldSources, type Value } from "./fields.js";
import { toBytes } from "./model.js";
import { regexMatches } from "./regex.js";

/** Everything an expression can read: fields of the phase and the params' current values. */
export interface Scope {
  readonly checked: CheckedProgram;
  readonly fields: FieldSources;
  /** Param values by name; list items and strings as byte strings. */
  readonly params: ReadonlyMap<string, Value>;
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
      const resolution = scope.checked.references.get(expr);
      if (resolution === undefined) throw new Error("reference interpreter: unresolved name");
      if (resolution.kind === "param") return scope.params.get(resolution.param.name);
      return readField(scope.fields, resolution.field.name, resolution.key);
    }
    case "Call":
      return call(scope, expr.callee.name, expr.args[0]!);
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

function call(scope: Scope, name: string, arg: Expression): Value {
  const value = evaluate(scope, arg);
  switch (name) {
    case "exists":
      return value !== undefined;
    case "lower":
      return value === undefined ? undefined : (value as string).replace(/[A-Z]/g, (c) => c.toLowerCase());
    case "hash":
      return value === undefined ? undefined : fnv1a32(text(value));
    case "ip":
      return value !== undefined && isAddressText(value as string) ? value : undefined;
  }
  throw new Error(`reference interpreter: unknown function ${name}`);
}

/**
 * FNV-1a 32 as docs/language.md gives it (offset basis 2166136261, prime 16777619), over a byte string; ints and
 * bools are hashed as their text.
 */
function fnv1a32(bytes: string): bigint {
  let h = 2166136261n;
  for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes.charCodeAt(i))) * 16777619n) % 4294967296n;
  return h;
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
    case "in": {
      const items = right as readonly string[];
      if (!isAddress(scope.checked, expr.left)) return items.includes(left as string);
      return inRanges(left as string, items.map((item) => parseRange(item)).filter((r): r is Range => r !== undefined));
    }
  }
}
