import type { Redirect } from "../../grammar/ast.js";
import { LOCATION } from "../check/actions.js";
import { checkStatus } from "../check/status.js";
import { checkTextValue } from "../check/values.js";
import { NO_WRITES, type ActionDefinition } from "./definition.js";
import { localResponse, statusOf } from "./local-response.js";
import { constantText } from "./lowering.js";

/** The status of a redirect that names none. */
const FOUND = 302;

/** `redirect [STATUS] LOCATION` */
export const redirect: ActionDefinition<Redirect> = {
  keyword: () => "redirect",
  synopsis: "`redirect [STATUS] LOCATION`",
  production: "redirect",
  expressions: (action) => (action.status === undefined ? [action.location] : [action.status, action.location]),
  effects: () => ({ writes: NO_WRITES, targets: [], ends: "stream" }),
  shadow: { effect: "enforces", would: redirectWould },
  check(ctx, action) {
    if (action.status !== undefined) checkStatus(ctx, action.status, "redirect");
    checkTextValue(ctx, action.location, LOCATION);
  },
  lower(lowering, action) {
    const status = action.status === undefined ? FOUND : statusOf(action.status);
    return localResponse(lowering, status, undefined, [{ name: "location", value: action.location }], true);
  },
};

/** `redirect 301 to /v2/`; a computed location is not known at build time: `redirect 302`. */
function redirectWould(action: Redirect): string {
  const status = action.status === undefined ? FOUND : statusOf(action.status);
  const location = constantText(action.location);
  return location === undefined ? `redirect ${status}` : `redirect ${status} to ${location}`;
}
