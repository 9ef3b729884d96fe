import type { QueryParam } from "../../grammar/ast.js";
import { requireRequestWritable } from "../check/actions.js";
import { emptyQueryName } from "../check/errors/actions.js";
import { checkTextValue, type TextTarget } from "../check/values.js";
import type { ActionDefinition } from "./definition.js";

/** Percent-encoded before it reaches `:path`, so CR, LF and NUL are as harmless as any other byte. */
const QUERY_VALUE: TextTarget = { description: "a query parameter value", header: false };

/** `set query "k" = EXPR` and `remove query "k"`: the runtime encodes, edits and writes `:path` in one pass. */
export const queryParam: ActionDefinition<QueryParam> = {
  keyword: (action) => action.op,
  synopsis: '`set query "k" = EXPR`',
  production: "query_param",
  expressions: (action) => (action.value === undefined ? [] : [action.value]),
  effects: () => ({ writes: { names: [":path"], prefixes: [] }, targets: [] }),
  shadow: { effect: "enforces", would: (action) => `${action.op} query ${action.key.value}` },
  check(ctx, action) {
    requireRequestWritable(ctx, action.span, `${action.op} query`);
    ctx.types.set(action.key, "string");
    if (action.key.value.length === 0) ctx.report(emptyQueryName(action.key.span, action.op));
    if (action.value !== undefined) checkTextValue(ctx, action.value, QUERY_VALUE);
  },
  lower(lowering, action) {
    const key = lowering.constant(action.key.value);
    const call =
      action.value === undefined
        ? { kind: "RuntimeCall" as const, function: "removeQueryParam", args: [key] }
        : { kind: "RuntimeCall" as const, function: "setQueryParam", args: [key, lowering.text(action.value)] };
    // Later reads of :path (request.path, request.query[...]) must ask the host again.
    return [call, { kind: "HeaderChanged", side: "request", match: { kind: "name", value: ":path" } }];
  },
};
