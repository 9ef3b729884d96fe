import type { Call } from "../../grammar/ast.js";
import type { ValueType } from "../fields.js";
import { FUNCTIONS, functionDefinition } from "../functions/registry.js";
import type { FunctionDefinition } from "../functions/definition.js";
import { didYouMean } from "../../grammar/suggest.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { unknownFunction, wrongArgumentCount } from "./errors/names.js";
import { argumentType } from "./errors/types.js";
import { inferExpression } from "./expressions.js";

/**
 * Checks a call against its function's definition (compiler/functions/) and returns its result type, known even
 * when the arguments are wrong, to avoid cascades.
 */
export function checkCall(ctx: CheckContext, call: Call): ValueType | undefined {
  const name = call.callee.name;
  const definition = functionDefinition(name);
  if (definition === undefined) {
    const list = [...FUNCTIONS.values()].map((f) => `\`${f.synopsis}\``).join(", ");
    ctx.report(unknownFunction(call.callee.span, name, didYouMean(name, [...FUNCTIONS.keys()]) ?? `the functions are ${list}`));
    for (const arg of call.args) inferExpression(ctx, arg);
    return undefined;
  }
  const required = definition.parameters.filter((parameter) => parameter.optional !== true).length;
  if (call.args.length < required || call.args.length > definition.parameters.length) {
    ctx.report(wrongArgumentCount(call.span, definition, call.args.length));
    for (const arg of call.args) inferExpression(ctx, arg);
    return definition.result;
  }
  checkArgumentTypes(ctx, call, definition);
  definition.check?.(ctx, call);
  return definition.result;
}

function checkArgumentTypes(ctx: CheckContext, call: Call, definition: FunctionDefinition): void {
  call.args.forEach((arg, index) => {
    if (definition.untypedArguments?.includes(index) === true) return;
    const parameter = definition.parameters[index]!;
    const type = inferExpression(ctx, arg);
    if (type !== undefined && type !== parameter.type) ctx.report(argumentType(arg.span, definition, index, quoted(arg), type));
  });
}
