import type { Call } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import { quoted } from "../check/describe.js";
import { argumentType } from "../check/errors/types.js";
import { inferExpression } from "../check/expressions.js";
import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";

/** FNV-1a 32's parameters (runtime/hash.ts uses the same). */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * `hash(value)`: FNV-1a 32 of the value's bytes, an int in 0..2^32-1, the same in every proxy; ints and bools are
 * hashed as their text. `hash(absent)` is absent. `hash(request.cookie["uid"]) < 429496730` is a sticky 10%.
 */
export const hash: FunctionDefinition = {
  name: "hash",
  parameters: [{ name: "value", type: "string" }],
  result: "int",
  synopsis: "hash(value)",
  presence: "arguments",
  runtime: ["strHash", "intHash", "boolHash"],
  // Any scalar is hashed (as its text): the check below refuses lists only.
  untypedArguments: [0],
  check: checkHashArgument,
  lower(lowering, call) {
    const arg = call.args[0]!;
    const value = lowering.value(arg);
    switch (lowering.typeOf(arg)) {
      case "int":
        return code`intHash(${value})`;
      case "bool":
        return code`boolHash(${value})`;
      default:
        return code`strHash(${value})`;
    }
  },
  fold: ([value]) => (value === undefined ? undefined : fnv1a32(new TextEncoder().encode(String(value)))),
};

function checkHashArgument(ctx: CheckContext, call: Call): void {
  const arg = call.args[0]!;
  const type = inferExpression(ctx, arg);
  if (type === "list") ctx.report(argumentType(arg.span, hash, 0, quoted(arg), type));
}

/** FNV-1a 32 (http://www.isthe.com/chongo/tech/comp/fnv/): per byte, xor it in, then multiply by the prime. */
export function fnv1a32(bytes: Uint8Array): number {
  let h = FNV_OFFSET_BASIS;
  for (const byte of bytes) h = Math.imul(h ^ byte, FNV_PRIME) >>> 0;
  return h;
}
