import type { Expression } from "../../grammar/ast.js";
import type { RuleInfo } from "../check/result.js";
import type { Code } from "../ir/statements.js";
import type { LowerContext } from "../lower/context.js";
import type { Phase, Side } from "../phases.js";

/**
 * What lowering one action needs: the shared lowering state and where the action runs. An interface, so that
 * checking and lint, which read the action registry too, do not load the expression lowering.
 */
export interface ActionLowering {
  readonly ctx: LowerContext;
  readonly phase: Phase;
  /** Envoy's response_code_details for local responses of the action's rule. */
  readonly details: string;
  /** The side whose headers the action writes. */
  readonly side: Side;
  /**
   * Where the action's local replies run the `on local_reply` rules: the function to call between replyBegin and
   * replyFinish and the entries it may add. Absent when the program has no such rules.
   */
  readonly replyHook?: ReplyHook;
  /** The rule of the action, in a rule's function (not in the `on local_reply` rules). */
  readonly rule?: RuleInfo;
  /** Any scalar expression as text. */
  text(expr: Expression): Code;
  /** An expression's value as its type has it: `Str`, `i64` or `bool`. */
  value(expr: Expression): Code;
  /** A string constant, kept once in static data. */
  constant(value: string): Code;
}

/** The value of a string expression with nothing to evaluate: a literal, or a template of text only. */
export function constantText(expr: Expression): string | undefined {
  if (expr.kind === "Paren") return constantText(expr.expression);
  if (expr.kind === "StringLiteral") return expr.value;
  if (expr.kind === "TemplateString" && expr.parts.every((p) => p.kind === "TemplateText")) return expr.parts.map((p) => (p.kind === "TemplateText" ? p.value : "")).join("");
  return undefined;
}

/** The `on local_reply` rules a local reply runs (compiler/lower/local-reply.ts). */
export interface ReplyHook {
  readonly function: string;
  readonly extra: number;
}
