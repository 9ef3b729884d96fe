import type { Authorize } from "../../grammar/ast.js";
import { ruleBranches } from "../../grammar/walk.js";
import { headersPhaseOf, phaseDefinition } from "../phases.js";
import type { CheckContext } from "./context.js";
import { inferExpression } from "./expressions.js";
import { authorizeClauseWithGrpc, authorizeNotLast, authorizePathNotString, authorizePhase, letBeforeAuthorize } from "./errors/authorize.js";
import type { RuleInfo } from "./result.js";

/** The phase `authorize` pauses: the request's headers. */
const REQUEST_HEADERS = headersPhaseOf("request");

/** One `authorize` on its own: its phase, the type of its path, and the clauses `grpc` takes. */
export function checkAuthorize(ctx: CheckContext, action: Authorize): void {
  // A phase without local replies is reported by the checker for every replying action (check/rules.ts).
  if (ctx.phase !== undefined && ctx.phase !== REQUEST_HEADERS && phaseDefinition(ctx.phase).localReply) ctx.report(authorizePhase(action.span, ctx.phase));
  if (action.path !== undefined) {
    const type = inferExpression(ctx, action.path);
    if (type !== undefined && type !== "string") ctx.report(authorizePathNotString(action.path.span, type === "list" ? "a list" : `a ${type}`));
    if (action.grpc) ctx.report(authorizeClauseWithGrpc(action.path.span, "path"));
  }
  if (action.grpc && action.copyHeaders !== undefined) ctx.report(authorizeClauseWithGrpc(action.copyHeaders.span, "copy headers"));
}

/**
 * Where `authorize` stands in its rules: last in its branch (the stream pauses there and resumes with the next
 * rule), with no `let` of the request headers phase before it (lower/callouts.ts resumes without them).
 */
export function checkAuthorizePlacement(ctx: CheckContext, rules: readonly RuleInfo[]): void {
  let first: { action: Authorize; index: number } | undefined;
  for (const info of rules) {
    for (const branch of ruleBranches(info.rule)) {
      branch.actions.forEach((action, i) => {
        if (action.kind !== "Authorize") return;
        if (i !== branch.actions.length - 1) ctx.report(authorizeNotLast(action.span));
        if (info.phase === REQUEST_HEADERS) first ??= { action, index: info.index };
      });
    }
  }
  if (first === undefined) return;
  const where = ctx.source === undefined ? "`authorize`" : `the \`authorize\` on line ${ctx.source.position(first.action.span.start).line}`;
  for (const info of rules) {
    if (info.phase !== REQUEST_HEADERS || info.index >= first.index) continue;
    for (const branch of ruleBranches(info.rule)) for (const action of branch.actions) if (action.kind === "Let") ctx.report(letBeforeAuthorize(action.span, action.name.name, where));
  }
}
