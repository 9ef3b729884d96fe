import type { Call } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import { quoted } from "../check/describe.js";
import { argumentType } from "../check/errors/types.js";
import { inferExpression } from "../check/expressions.js";
import { code } from "../ir/code.js";
import type { FunctionDefinition } from "./definition.js";
import { variableGlobal, variableRead } from "../lower/variables.js";

/** xxHash32's primes (runtime/hash.ts uses the same). */
const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

/**
 * `hash(value)`: xxHash32 (seed 0) of the value's bytes, an int in 0..2^32-1, the same in every proxy; ints and bools are
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
    // An unset bool variable is absent, and so is its hash (lower/variables.ts).
    const variable = variableRead(lowering.ctx, arg);
    if (variable?.type === "bool") return `(${variableGlobal(variable)} == ABSENT_INT ? ABSENT_INT : boolHash(${variableGlobal(variable)} == 1))`;
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
  fold: ([value]) => (value === undefined ? undefined : xxh32(new TextEncoder().encode(String(value)))),
};

function checkHashArgument(ctx: CheckContext, call: Call): void {
  const arg = call.args[0]!;
  const type = inferExpression(ctx, arg);
  if (type === "list") ctx.report(argumentType(arg.span, hash, 0, quoted(arg), type));
}

/**
 * xxHash32 with seed 0 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md), as runtime/hash.ts
 * computes it for constant folding: 16-byte stripes into four accumulators, then 4-byte and 1-byte tails, then the
 * avalanche. Lanes are little-endian.
 */
export function xxh32(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  let h: number;
  if (n >= 16) {
    let v1 = (PRIME1 + PRIME2) >>> 0;
    let v2 = PRIME2;
    let v3 = 0;
    let v4 = (0 - PRIME1) >>> 0;
    for (; i + 16 <= n; i += 16) {
      v1 = stripeRound(v1, lane(bytes, i));
      v2 = stripeRound(v2, lane(bytes, i + 4));
      v3 = stripeRound(v3, lane(bytes, i + 8));
      v4 = stripeRound(v4, lane(bytes, i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else {
    h = PRIME5;
  }
  h = (h + n) >>> 0;
  for (; i + 4 <= n; i += 4) h = Math.imul(rotl((h + Math.imul(lane(bytes, i), PRIME3)) >>> 0, 17), PRIME4) >>> 0;
  for (; i < n; i++) h = Math.imul(rotl((h + Math.imul(bytes[i]!, PRIME5)) >>> 0, 11), PRIME1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), PRIME2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), PRIME3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function stripeRound(acc: number, value: number): number {
  return Math.imul(rotl((acc + Math.imul(value, PRIME2)) >>> 0, 13), PRIME1) >>> 0;
}

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** The little-endian u32 at `i`. */
function lane(bytes: Uint8Array, i: number): number {
  return (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
}
