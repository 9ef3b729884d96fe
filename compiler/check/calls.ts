import type { Call, Expression } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import { didYouMean } from "../../grammar/suggest.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { existsNeedsField, unknownFunction, wrongArgumentCount } from "./errors/names.js";
import { lowerNeedsString } from "./errors/types.js";
import { inferExpression } from "./expressions.js";
import { resolveReference } from "./references.js";

/** The builtin functions and their result types. */
export const FUNCTIONS: Readonly<Record<string, ValueType>> = { exists: "bool", lower: "string" };

/** Checks a call and returns its result type (known even when the arguments are wrong, to avoid cascades). */
export function checkCall(ctx: CheckContext, call: Call): ValueType | undefined {
  const name = call.callee.name;
  const result = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (result === undefined) {
    ctx.report(unknownFunction(call.callee.span, name, didYouMean(name, Object.keys(FUNCTIONS))));
    for (const arg of call.args) inferExpression(ctx, arg);
    return undefined;
  }
  if (call.args.length !== 1) {
    ctx.report(wrongArgumentCount(call.span, name, call.args.length));
    for (const arg of call.args) inferExpression(ctx, arg);
    return result;
  }
  const arg = call.args[0]!;
  if (name === "exists") checkExistsArgument(ctx, arg);
  else {
    const type = inferExpression(ctx, arg);
    if (type !== undefined && type !== "string") ctx.report(lowerNeedsString(arg.span, quoted(arg), type));
  }
  return result;
}

/** `exists` asks whether a field is present, so its argument is a field reference and nothing else. */
function checkExistsArgument(ctx: CheckContext, arg: Expression): void {
  if (arg.kind !== "Reference") {
    inferExpression(ctx, arg);
    ctx.report(existsNeedsField(arg.span, quoted(arg), false));
    return;
  }
  const type = resolveReference(ctx, arg);
  if (type !== undefined && ctx.references.get(arg)?.kind === "param") ctx.report(existsNeedsField(arg.span, quoted(arg), true));
}
