import type { Deny } from "../../grammar/ast.js";
import { BODY } from "../check/actions.js";
import { checkStatus } from "../check/status.js";
import { checkTextValue } from "../check/values.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { localResponse, statusOf } from "./local-response.js";

/** `deny STATUS [BODY]` */
export const deny: ActionDefinition<Deny> = {
  keyword: () => "deny",
  synopsis: "`deny STATUS [BODY]`",
  production: "deny",
  expressions: (action) => (action.body === undefined ? [action.status] : [action.status, action.body]),
  effects: () => ({ writes: NO_WRITES, targets: [], ends: "stream" }),
  shadow: { effect: "enforces", would: (action) => `deny ${statusOf(action.status)}` },
  check(ctx, action) {
    checkStatus(ctx, action.status, "deny");
    if (action.body !== undefined) checkTextValue(ctx, action.body, BODY);
  },
  lower: (lowering, action) => localResponse(lowering, statusOf(action.status), action.body, []),
};
