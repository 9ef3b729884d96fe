import type { HeaderRemove } from "../../grammar/ast.js";
import { checkHeaderName } from "../check/actions.js";
import type { ActionDefinition } from "./definition.js";

/** `remove "h"` */
export const headerRemove: ActionDefinition<HeaderRemove> = {
  keyword: () => "remove",
  synopsis: '`remove "h"`',
  production: "header_remove",
  expressions: () => [],
  effects: (action) => ({ writes: { names: [action.name.value], prefixes: [] }, targets: [{ name: action.name, operation: "remove", action }] }),
  shadow: { effect: "enforces", would: (action) => `remove ${action.name.value}` },
  check(ctx, action) {
    checkHeaderName(ctx, action.name);
  },
  lower(lowering, action) {
    const { side } = lowering;
    return [
      { kind: "RemoveHeader", side, header: action.name.value, name: lowering.constant(action.name.value) },
      { kind: "HeaderChanged", side, match: { kind: "name", value: action.name.value } },
    ];
  },
};
