import type { Identifier, Span, StringLiteral } from "../../grammar/ast.js";
import { didYouMean } from "../../grammar/suggest.js";
import { isBodyPhase, phaseDefinition, sideOf } from "../phases.js";
import type { CheckContext } from "./context.js";
import { unknownLogLevel } from "./errors/actions.js";
import { requestChangeInResponseBody } from "./errors/bodies.js";
import { badHeaderName } from "./errors/headers.js";
import { actionNotInPhase } from "./errors/phases.js";
import { headerNameProblem } from "./header-names.js";
import type { TextTarget } from "./values.js";

/** What actions share in checking; each action's own checks live in its module (compiler/actions/). */

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "critical"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const HEADER_VALUE: TextTarget = { description: "a header value", header: true };
export const PATH: TextTarget = { description: "a path", header: true };
export const LOCATION: TextTarget = { description: "a redirect location", header: true };
export const BODY: TextTarget = { description: "a body", header: false };
export const LOG_MESSAGE: TextTarget = { description: "a log message", header: false };

export function checkHeaderName(ctx: CheckContext, name: StringLiteral): void {
  ctx.types.set(name, "string");
  const problem = headerNameProblem(name.value);
  if (problem !== undefined) ctx.report(badHeaderName(name.span, name.value, problem));
}

/**
 * Path rewrites change what the upstream receives, so they only exist where the request can still change: in the
 * request phases (`on request_body` holds the request headers for them: compiler/header-holds.ts). The response
 * body phase reports its own reason (E0271).
 */
export function requireRequestWritable(ctx: CheckContext, span: Span, action: string): void {
  if (ctx.phase === undefined || phaseDefinition(ctx.phase).requestWritable) return;
  if (!isBodyPhase(ctx.phase)) ctx.report(actionNotInPhase(span, action, ctx.phase));
  else if (sideOf(ctx.phase) !== "request") ctx.report(requestChangeInResponseBody(span, action, ctx.phase));
}

export function checkLogLevel(ctx: CheckContext, level: Identifier): void {
  if ((LOG_LEVELS as readonly string[]).includes(level.name)) return;
  const hint = level.name === "warning" ? "write `warn`" : didYouMean(level.name, LOG_LEVELS);
  ctx.report(unknownLogLevel(level.span, level.name, hint));
}
