import type { Call, Expression } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import type { ValueType } from "../fields.js";
import type { Code } from "../ir/code.js";
import type { LowerContext } from "../lower/context.js";
import type { Phase } from "../phases.js";

/** One argument a function takes. */
export interface FunctionParameter {
  /** As messages and docs name it: `text`, `field`, `start`. */
  readonly name: string;
  readonly type: ValueType;
  /** Trailing parameters may be left out: `substring(s, start[, length])`. */
  readonly optional?: boolean;
}

/** What a function's lowering needs: the shared lowering state and ways to lower its arguments. */
export interface FunctionLowering {
  readonly ctx: LowerContext;
  readonly phase: Phase;
  /** An argument's value: `Str` for strings, `i64` for ints, `bool` for conditions. */
  value(expr: Expression): Code;
  /** An argument's type as the checker found it. */
  typeOf(expr: Expression): ValueType | undefined;
  /** A string constant, kept once in static data. */
  constant(value: string): Code;
}

/** A constant the lint analysis can fold: a function applied to constants, or undefined when it cannot tell. */
export type ConstantArgument = string | number | boolean | undefined;

/**
 * Everything filterc knows about one builtin function, in one module (compiler/functions/<name>.ts): adding a
 * function is adding its module to the registry; checking, lowering, lint and docs read it from there.
 */
export interface FunctionDefinition {
  readonly name: string;
  readonly parameters: readonly FunctionParameter[];
  readonly result: ValueType;
  /** The result is an address (compiler/address-values.ts): `in` compares it with CIDR ranges. */
  readonly address?: boolean;
  /**
   * Its value is new at every evaluation (`random()`, `uuid()`): never computed once per configuration, never a
   * request verdict, never folded.
   */
  readonly random?: boolean;
  /** How docs/language.md's table of functions writes it (a test looks for it there). */
  readonly synopsis: string;
  /**
   * Whether a call has a value at runtime: `always` (exists), `arguments` (present when every argument is, as
   * `lower`), `maybe` (absent on some present arguments, as url_decode of a malformed escape).
   */
  readonly presence: "always" | "arguments" | "maybe";
  /** The runtime/index exports its lowered code calls; the generated module imports them. */
  readonly runtime: readonly string[];
  /**
   * Checks beyond arity and argument types (which the checker does from `parameters`), for example that an
   * argument is a field or a literal. Runs after the arguments were typed.
   */
  check?(ctx: CheckContext, call: Call): void;
  /** Whether the checker types argument `index` itself (skip the generic type check), as `exists` does. */
  readonly untypedArguments?: readonly number[];
  lower(lowering: FunctionLowering, call: Call): Code;
  /** The value for constant arguments, for lint's constant folding; undefined when it cannot tell. */
  fold?(args: readonly ConstantArgument[]): ConstantArgument;
}
