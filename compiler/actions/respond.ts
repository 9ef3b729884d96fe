import type { Respond } from "../../grammar/ast.js";
import { BODY, checkHeaderName, HEADER_VALUE } from "../check/actions.js";
import { checkStatus } from "../check/status.js";
import { checkTextValue } from "../check/values.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { localResponse, statusOf } from "./local-response.js";

/** `respond STATUS [BODY] [with { "h" = EXPR, ... }]` */
export const respond: ActionDefinition<Respond> = {
  keyword: () => "respond",
  synopsis: "`respond STATUS [BODY] [with {",
  production: "respond",
  expressions: (action) => [action.status, ...(action.body === undefined ? [] : [action.body]), ...action.headers.map((h) => h.value)],
  effects: (action) => ({ writes: NO_WRITES, targets: action.headers.map((h) => ({ name: h.name, operation: "local-reply" as const, action })), ends: "stream" }),
  shadow: { effect: "enforces", would: (action) => `respond ${statusOf(action.status)}` },
  check(ctx, action) {
    checkStatus(ctx, action.status, "respond");
    if (action.body !== undefined) checkTextValue(ctx, action.body, BODY);
    for (const entry of action.headers) {
      checkHeaderName(ctx, entry.name);
      checkTextValue(ctx, entry.value, HEADER_VALUE);
    }
  },
  lower: (lowering, action) => localResponse(lowering, statusOf(action.status), action.body, action.headers.map((h) => ({ name: h.name.value, value: h.value }))),
};
