import type { Action } from "../../grammar/ast.js";
import { actionEffects, actionKeyword, isLocalResponse } from "../actions/registry.js";
import { phaseDefinition, sideOf, type Phase } from "../phases.js";
import type { CheckContext } from "./context.js";
import { headerChangeInBody, replyInResponseBody } from "./errors/bodies.js";

/**
 * What an action may do in a body phase: its side's headers have gone on by then (no header writes), and only a
 * phase that may still answer (the request body, which is held until the rules decide) sends local replies.
 */
export function checkBodyAction(ctx: CheckContext, action: Action, phase: Phase): void {
  const definition = phaseDefinition(phase);
  if (isLocalResponse(action)) {
    if (!definition.localReply) ctx.report(replyInResponseBody(action.span, actionKeyword(action), phase));
    return;
  }
  const writes = actionEffects(action).writes;
  if (writes.names.length + writes.prefixes.length > 0) ctx.report(headerChangeInBody(action.span, actionKeyword(action), phase, sideOf(phase)));
}
