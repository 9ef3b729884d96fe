import type { HeaderRename } from "../../grammar/ast.js";
import { checkHeaderName } from "../check/actions.js";
import type { ActionDefinition } from "./definition.js";

/** `rename "a" to "b"` */
export const headerRename: ActionDefinition<HeaderRename> = {
  keyword: () => "rename",
  synopsis: '`rename "a" to "b"`',
  production: "header_rename",
  expressions: () => [],
  effects: (action) => ({
    writes: { names: [action.from.value, action.to.value], prefixes: [] },
    targets: [
      { name: action.from, operation: "rename-from", action },
      { name: action.to, operation: "rename-to", action },
    ],
  }),
  shadow: { effect: "enforces", would: (action) => `rename ${action.from.value} to ${action.to.value}` },
  check(ctx, action) {
    checkHeaderName(ctx, action.from);
    checkHeaderName(ctx, action.to);
  },
  lower(lowering, action) {
    const { side } = lowering;
    const [from, to] = [action.from.value, action.to.value];
    return [
      { kind: "RenameHeader", side, from, to, fromName: lowering.constant(from), toName: lowering.constant(to) },
      { kind: "HeaderChanged", side, match: { kind: "name", value: from } },
      { kind: "HeaderChanged", side, match: { kind: "name", value: to } },
    ];
  },
};
