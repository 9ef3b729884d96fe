import type { Call } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import { quoted } from "../check/describe.js";
import { existsNeedsField } from "../check/errors/names.js";
import { inferExpression } from "../check/expressions.js";
import { resolveReference } from "../check/references.js";
import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { variableGlobal, variableRead } from "../lower/variables.js";

/** `exists(field)`: whether a field (or a variable, `let`) has a value. */
export const exists: FunctionDefinition = {
  name: "exists",
  parameters: [{ name: "field", type: "string" }],
  result: "bool",
  synopsis: "exists(field)",
  presence: "always",
  runtime: ["isAbsent"],
  untypedArguments: [0],
  check: checkExistsArgument,
  lower(lowering, call) {
    const arg = call.args[0]!;
    // A bool variable is unset or holds 0 or 1 (lower/variables.ts).
    const variable = variableRead(lowering.ctx, arg);
    if (variable?.type === "bool") return `(${variableGlobal(variable)} != ABSENT_INT)`;
    const value = lowering.value(arg);
    switch (lowering.typeOf(arg)) {
      case "int":
        return code`(${value} != ABSENT_INT)`;
      case "bool":
        return "true";
      default:
        return code`!isAbsent(${value})`;
    }
  },
};

/** `exists` asks whether a field is present, so its argument is a field reference and nothing else. */
function checkExistsArgument(ctx: CheckContext, call: Call): void {
  const arg = call.args[0]!;
  if (arg.kind !== "Reference") {
    inferExpression(ctx, arg);
    ctx.report(existsNeedsField(arg.span, quoted(arg), false));
    return;
  }
  const type = resolveReference(ctx, arg);
  if (type !== undefined && ctx.references.get(arg)?.kind === "param") ctx.report(existsNeedsField(arg.span, quoted(arg), true));
}
