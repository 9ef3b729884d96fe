import type { Expression, Log } from "../../grammar/ast.js";
import { checkLogLevel, LOG_MESSAGE, type LogLevel } from "../check/actions.js";
import { checkTextValue } from "../check/values.js";
import type { LowerContext } from "../lower/context.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/** The runtime's constants (LOG_<level>) by the levels the checker accepts. */
const LEVEL_CONSTANTS: Readonly<Record<LogLevel, string>> = { trace: "TRACE", debug: "DEBUG", info: "INFO", warn: "WARN", error: "ERROR", critical: "CRITICAL" };

/** `log LEVEL EXPR` */
export const log: ActionDefinition<Log> = {
  keyword: () => "log",
  synopsis: "`log LEVEL EXPR`",
  production: "log",
  detectOnly: true,
  expressions: (action) => [action.message],
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  check(ctx, action) {
    checkLogLevel(ctx, action.level);
    checkTextValue(ctx, action.message, LOG_MESSAGE);
  },
  lower(lowering, action) {
    // The checker accepted the level: it is one of LOG_LEVELS.
    const level = LEVEL_CONSTANTS[action.level.name as LogLevel];
    const { message } = action;
    if (message.kind === "StringLiteral") return [{ kind: "Log", level, message: lowering.constant(escapeLogLine(message.value)) }];
    if (!needsEscaping(lowering.ctx, message)) return [{ kind: "Log", level, message: lowering.text(message) }];
    return [{ kind: "RuntimeCall", function: "logEscaped", args: [`LOG_${level}`, lowering.text(message)] }];
  },
};

/**
 * Whether a computed line may hold CR, LF or NUL, so the runtime must escape it: a part of it is text from the
 * request or the configuration, or literal text holding one. Ints and bools are the filter's own digits and words,
 * and `source.address` is the text the proxy writes for the connection's IP address (Envoy's
 * Network::Address::Ip::addressAsString): neither can hold them, so a line of those needs no scan.
 */
function needsEscaping(ctx: LowerContext, message: Expression): boolean {
  const parts = message.kind === "TemplateString" ? message.parts : [message];
  return parts.some((part) => {
    if (part.kind === "TemplateText") return escapeLogLine(part.value) !== part.value;
    return ctx.typeOf(part) === "string" && !isProxyAddress(ctx, part);
  });
}

function isProxyAddress(ctx: LowerContext, expr: Expression): boolean {
  if (expr.kind === "Paren") return isProxyAddress(ctx, expr.expression);
  // A group of the rule's `matches` is text from the request.
  if (expr.kind !== "Reference" || ctx.checked.matchGroups.has(expr)) return false;
  const resolution = ctx.resolve(expr);
  return resolution.kind === "field" && resolution.field.source.from === "property" && resolution.field.source.encoding === "address";
}

/**
 * A log line never holds CR, LF or NUL (docs/language.md, "Actions"): they would end or cut the proxy's log line
 * and let a client forge lines. Each is written as two visible characters, as runtime/log.ts logEscaped does.
 */
export function escapeLogLine(line: string): string {
  let escaped = "";
  for (const c of line) escaped += LOG_ESCAPES[c] ?? c;
  return escaped;
}

const LOG_ESCAPES: Readonly<Record<string, string>> = { "\r": "\\r", "\n": "\\n", "\0": "\\0" };
