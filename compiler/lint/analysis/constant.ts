import type { ConstantArgument } from "../../functions/definition.js";
import { functionDefinition } from "../../functions/registry.js";
import { isArithmetic, type Expression } from "../../../grammar/ast.js";
import { walkExpression } from "../../../grammar/walk.js";
import type { CheckedProgram } from "../../check/result.js";
import { expressionKey } from "./expression-key.js";

export type ConstantValue = string | number | boolean;

/**
 * Constant folding for conditions. Params are never constant: their values come from the plugin configuration
 * at runtime. Optional fields (headers, query parameters, cookies) may be absent, and an absent value makes every
 * comparison false except `!=`, so `x == x` is only always true when `x` can never be absent.
 */
export class ConstantFolder {
  constructor(private readonly checked: CheckedProgram) {}

  /** The value an expression always has, or undefined when it depends on the request or the configuration. */
  value(expression: Expression): ConstantValue | undefined {
    switch (expression.kind) {
      case "StringLiteral":
      case "IntLiteral":
      case "BoolLiteral":
        return expression.value;
      case "Paren":
        return this.value(expression.expression);
      case "Not": {
        const operand = this.value(expression.operand);
        return typeof operand === "boolean" ? !operand : undefined;
      }
      case "Call":
        return this.call(expression.callee.name, expression.args);
      case "Binary":
        return this.binary(expression.op, expression.left, expression.right);
      default:
        return undefined;
    }
  }

  /** Whether an expression always has a value at runtime (it is never "absent"). */
  present(expression: Expression): boolean {
    switch (expression.kind) {
      case "Reference": {
        const resolution = this.checked.references.get(expression);
        // A variable is absent where no `let` of it ran.
        if (resolution === undefined || resolution.kind === "variable") return false;
        return resolution.kind === "param" || !resolution.field.optional;
      }
      case "Paren":
        return this.present(expression.expression);
      case "Call": {
        const presence = functionDefinition(expression.callee.name)?.presence;
        if (presence === "always") return true;
        return presence === "arguments" && expression.args.every((arg) => this.present(arg));
      }
      case "RegexLiteral":
        return false;
      case "Binary":
        // Arithmetic is absent on an absent operand, a zero divisor or a result of -2^63; comparisons are bools.
        return !isArithmetic(expression.op);
      default:
        // Literals, templates (an absent part interpolates as ""), and every operator's bool result.
        return true;
    }
  }

  private call(name: string, args: readonly Expression[]): ConstantValue | undefined {
    if (name === "exists") {
      const arg = args[0];
      return args.length === 1 && arg!.kind === "Reference" && this.checked.references.get(arg!)?.kind === "field" && this.present(arg!) ? true : undefined;
    }
    const fold = functionDefinition(name)?.fold;
    if (fold === undefined) return undefined;
    const values = args.map((arg) => this.value(arg));
    if (values.some((value) => value === undefined)) return undefined;
    return fold(values as ConstantArgument[]) as ConstantValue | undefined;
  }

  private binary(op: string, left: Expression, right: Expression): ConstantValue | undefined {
    const l = this.value(left);
    const r = this.value(right);
    switch (op) {
      case "and":
        if (l === false || r === false) return false;
        return l === true && r === true ? true : undefined;
      case "or":
        if (l === true || r === true) return true;
        return l === false && r === false ? false : undefined;
      case "==":
      case "!=": {
        const equal = l !== undefined && r !== undefined ? l === r : this.sameValue(left, right) ? true : undefined;
        return equal === undefined ? undefined : op === "==" ? equal : !equal;
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (typeof l === "number" && typeof r === "number") return compare(op, l, r);
        // x < x is false and x <= x true, whatever x is.
        return this.sameValue(left, right) ? op === "<=" || op === ">=" : undefined;
      case "contains":
      case "starts_with":
      case "ends_with":
        if (typeof l === "string" && typeof r === "string") return textTest(op, l, r);
        // Every present string contains, starts and ends with the empty string.
        return r === "" && this.present(left) ? true : undefined;
      case "in":
        return this.membership(l, right);
      case "contains any":
      case "starts_with any":
      case "ends_with any":
        return this.anyItem(op.slice(0, -" any".length), l, right);
      default:
        return undefined;
    }
  }

  /** The same expression on both sides, and never absent: then it equals itself (unless it is new each time). */
  private sameValue(left: Expression, right: Expression): boolean {
    return this.present(left) && !this.random(left) && expressionKey(left) === expressionKey(right);
  }

  /** Whether an expression calls a function whose value is new at every evaluation (`random()`, `uuid()`). */
  private random(expression: Expression): boolean {
    let found = false;
    walkExpression(expression, (e) => {
      if (e.kind === "Call" && functionDefinition(e.callee.name)?.random === true) found = true;
    });
    return found;
  }

  private membership(left: ConstantValue | undefined, right: Expression): boolean | undefined {
    let list = right;
    while (list.kind === "Paren") list = list.expression;
    if (list.kind !== "ListLiteral") return undefined;
    if (list.items.length === 0) return false;
    if (typeof left !== "string" || !list.items.every((i) => i.kind === "StringLiteral")) return undefined;
    return list.items.some((i) => i.kind === "StringLiteral" && i.value === left);
  }

  /** `contains any [...]` and the like over a list literal: no item matches an empty list; constants are decided. */
  private anyItem(op: string, left: ConstantValue | undefined, right: Expression): boolean | undefined {
    let list = right;
    while (list.kind === "Paren") list = list.expression;
    if (list.kind !== "ListLiteral") return undefined;
    if (list.items.length === 0) return false;
    if (typeof left !== "string" || !list.items.every((i) => i.kind === "StringLiteral")) return undefined;
    return list.items.some((i) => i.kind === "StringLiteral" && textTest(op, left, i.value));
  }
}

function compare(op: string, l: number, r: number): boolean {
  return op === "<" ? l < r : op === "<=" ? l <= r : op === ">" ? l > r : l >= r;
}

function textTest(op: string, l: string, r: string): boolean {
  return op === "contains" ? l.includes(r) : op === "starts_with" ? l.startsWith(r) : l.endsWith(r);
}
