import type { Expression } from "../grammar/ast.js";
import type { Resolution } from "./check/result.js";
import { functionDefinition } from "./functions/registry.js";

/**
 * Whether an expression's value is an address: IP text that `in` compares with CIDR ranges instead of strings.
 * Addresses are strings to the type system (they compare, interpolate and hash as their text); what makes one is
 * where it comes from: an address field (`source.address`, `client.address`) or a function whose result is one
 * (`ip(...)`), or a variable every `let` of which sets one. The checker validates `in`'s items by it and the lowering picks the CIDR table by it.
 */
export function isAddressValue(expr: Expression, references: ReadonlyMap<Expression, Resolution>): boolean {
  if (expr.kind === "Paren") return isAddressValue(expr.expression, references);
  if (expr.kind === "Call") return functionDefinition(expr.callee.name)?.address === true;
  if (expr.kind !== "Reference") return false;
  const resolution = references.get(expr);
  if (resolution?.kind === "variable") return resolution.variable.address;
  return resolution?.kind === "field" && resolution.field.address === true;
}
