import type { Expression } from "../../grammar/ast.js";
import type { RuleInfo } from "../check/result.js";
import type { ActionLowering, ReplyHook } from "../actions/lowering.js";
import type { Code } from "../ir/statements.js";
import type { Phase, Side } from "../phases.js";
import type { LowerContext } from "./context.js";
import { lowerExpression, lowerText } from "./expression.js";

/** What the action modules (compiler/actions/) lower with, for one rule. */
export class RuleActionLowering implements ActionLowering {
  constructor(
    readonly ctx: LowerContext,
    readonly phase: Phase,
    readonly details: string,
    readonly side: Side,
    readonly replyHook?: ReplyHook,
    readonly rule?: RuleInfo,
  ) {}

  text(expr: Expression): Code {
    return lowerText(this.ctx, expr, this.phase);
  }

  value(expr: Expression): Code {
    return lowerExpression(this.ctx, expr, this.phase);
  }

  constant(value: string): Code {
    return this.ctx.data.text(value);
  }
}
