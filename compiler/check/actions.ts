import type { Action, Identifier, StringLiteral } from "../../grammar/ast.js";
import { didYouMean } from "../../grammar/suggest.js";
import type { CheckContext } from "./context.js";
import { emptyQueryName, unknownLogLevel } from "./errors/actions.js";
import { badHeaderName, badHeaderPrefix } from "./errors/headers.js";
import { actionNotInPhase } from "./errors/phases.js";
import { headerNameProblem, headerPrefixProblem } from "./header-names.js";
import { checkStatus } from "./status.js";
import { checkConstantText, checkTextValue, type TextTarget } from "./values.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "critical"] as const;

const headerValue: TextTarget = { description: "a header value", header: true };
const path: TextTarget = { description: "a path", header: true };
const location: TextTarget = { description: "a redirect location", header: true };
const body: TextTarget = { description: "a body", header: false };
const logMessage: TextTarget = { description: "a log message", header: false };
/** Percent-encoded before it reaches `:path`, so CR, LF and NUL are as harmless as any other byte. */
const queryValue: TextTarget = { description: "a query parameter value", header: false };

/**
 * Checks one action of a rule. Unreachable actions (after `deny`, `respond`, `redirect` or `stop`) are a lint
 * concern and are not reported here.
 */
export function checkAction(ctx: CheckContext, action: Action): void {
  switch (action.kind) {
    case "HeaderAssign":
      checkHeaderName(ctx, action.name);
      checkTextValue(ctx, action.value, headerValue);
      return;
    case "HeaderRemove":
      checkHeaderName(ctx, action.name);
      return;
    case "HeaderRemovePrefix": {
      ctx.types.set(action.prefix, "string");
      const problem = headerPrefixProblem(action.prefix.value);
      if (problem !== undefined) ctx.report(badHeaderPrefix(action.prefix.span, action.prefix.value, problem));
      return;
    }
    case "HeaderRename":
      checkHeaderName(ctx, action.from);
      checkHeaderName(ctx, action.to);
      return;
    case "QueryParam":
      requireRequestPhase(ctx, action.span, `${action.op} query`);
      ctx.types.set(action.key, "string");
      if (action.key.value.length === 0) ctx.report(emptyQueryName(action.key.span, action.op));
      if (action.value !== undefined) checkTextValue(ctx, action.value, queryValue);
      return;
    case "RewritePath":
      requireRequestPhase(ctx, action.span, "rewrite path");
      checkTextValue(ctx, action.value, path);
      return;
    case "RewritePrefix":
      requireRequestPhase(ctx, action.span, "rewrite prefix");
      ctx.types.set(action.from, "string");
      checkConstantText(ctx, action.from, path.description);
      checkTextValue(ctx, action.to, path);
      return;
    case "Deny":
      checkStatus(ctx, action.status, "deny");
      if (action.body !== undefined) checkTextValue(ctx, action.body, body);
      return;
    case "Respond":
      checkStatus(ctx, action.status, "respond");
      if (action.body !== undefined) checkTextValue(ctx, action.body, body);
      for (const entry of action.headers) {
        checkHeaderName(ctx, entry.name);
        checkTextValue(ctx, entry.value, headerValue);
      }
      return;
    case "Redirect":
      if (action.status !== undefined) checkStatus(ctx, action.status, "redirect");
      checkTextValue(ctx, action.location, location);
      return;
    case "Log":
      checkLogLevel(ctx, action.level);
      checkTextValue(ctx, action.message, logMessage);
      return;
    case "Stop":
      return;
  }
}

function checkHeaderName(ctx: CheckContext, name: StringLiteral): void {
  ctx.types.set(name, "string");
  const problem = headerNameProblem(name.value);
  if (problem !== undefined) ctx.report(badHeaderName(name.span, name.value, problem));
}

/** Path rewrites and query edits change what the upstream receives, so they only exist before the request is sent. */
function requireRequestPhase(ctx: CheckContext, span: { start: number; end: number }, action: string): void {
  if (ctx.phase !== undefined && ctx.phase !== "request_headers") ctx.report(actionNotInPhase(span, action, ctx.phase));
}

function checkLogLevel(ctx: CheckContext, level: Identifier): void {
  if ((LOG_LEVELS as readonly string[]).includes(level.name)) return;
  const hint = level.name === "warning" ? "write `warn`" : didYouMean(level.name, LOG_LEVELS);
  ctx.report(unknownLogLevel(level.span, level.name, hint));
}
