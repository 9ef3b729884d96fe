import type { Log } from "../../grammar/ast.js";
import { checkLogLevel, LOG_MESSAGE, type LogLevel } from "../check/actions.js";
import { checkTextValue } from "../check/values.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";

/** The runtime's constants (LOG_<level>) by the levels the checker accepts. */
const LEVEL_CONSTANTS: Readonly<Record<LogLevel, string>> = { trace: "TRACE", debug: "DEBUG", info: "INFO", warn: "WARN", error: "ERROR", critical: "CRITICAL" };

/** `log LEVEL EXPR` */
export const log: ActionDefinition<Log> = {
  keyword: () => "log",
  synopsis: "`log LEVEL EXPR`",
  production: "log",
  expressions: (action) => [action.message],
  effects: () => ({ writes: NO_WRITES, targets: [] }),
  check(ctx, action) {
    checkLogLevel(ctx, action.level);
    checkTextValue(ctx, action.message, LOG_MESSAGE);
  },
  lower(lowering, action) {
    // The checker accepted the level: it is one of LOG_LEVELS.
    return [{ kind: "Log", level: LEVEL_CONSTANTS[action.level.name as LogLevel], message: lowering.text(action.message) }];
  },
};
