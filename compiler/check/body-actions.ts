import type { Action } from "../../grammar/ast.js";
import { actionKeyword, isLocalResponse } from "../actions/registry.js";
import { phaseDefinition, type Phase } from "../phases.js";
import type { CheckContext } from "./context.js";
import { replyInResponseBody } from "./errors/bodies.js";

/**
 * What an action may do in a body phase: only a phase that may still answer (the request body, which is held until
 * the rules decide) sends local replies. Header changes of the phase's own side are allowed: the program then holds
 * those headers until the body rules have run (compiler/header-holds.ts); a change of the other side's (a path
 * rewrite in `on response_body`) is E0271, from check/actions.ts.
 */
export function checkBodyAction(ctx: CheckContext, action: Action, phase: Phase): void {
  const definition = phaseDefinition(phase);
  if (isLocalResponse(action)) {
    if (!definition.localReply) ctx.report(replyInResponseBody(action.span, actionKeyword(action), phase));
  }
}
