import type { HeaderRemovePrefix } from "../../grammar/ast.js";
import { badHeaderPrefix } from "../check/errors/headers.js";
import { headerPrefixProblem } from "../check/header-names.js";
import type { ActionDefinition } from "./definition.js";

/** `remove prefix "x-envoy-"` */
export const headerRemovePrefix: ActionDefinition<HeaderRemovePrefix> = {
  keyword: () => "remove",
  synopsis: '`remove prefix "x-envoy-"`',
  production: "header_remove",
  expressions: () => [],
  effects: (action) => ({ writes: { names: [], prefixes: [action.prefix.value] }, targets: [] }),
  shadow: { effect: "enforces", would: (action) => `remove prefix ${action.prefix.value}` },
  check(ctx, action) {
    ctx.types.set(action.prefix, "string");
    const problem = headerPrefixProblem(action.prefix.value);
    if (problem !== undefined) ctx.report(badHeaderPrefix(action.prefix.span, action.prefix.value, problem));
  },
  lower(lowering, action) {
    const { side } = lowering;
    return [
      { kind: "RemoveHeaderPrefix", side, prefix: action.prefix.value, name: lowering.constant(action.prefix.value) },
      { kind: "HeaderChanged", side, match: { kind: "prefix", value: action.prefix.value } },
    ];
  },
};
