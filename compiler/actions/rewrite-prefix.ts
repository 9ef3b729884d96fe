import type { RewritePrefix } from "../../grammar/ast.js";
import { PATH, requireRequestWritable } from "../check/actions.js";
import { checkConstantText, checkTextValue } from "../check/values.js";
import type { ActionDefinition } from "./definition.js";
import { constantText } from "./lowering.js";

/** `rewrite prefix "/old/" to EXPR` */
export const rewritePrefix: ActionDefinition<RewritePrefix> = {
  keyword: () => "rewrite",
  synopsis: '`rewrite prefix "/old/" to EXPR`',
  production: "rewrite",
  expressions: (action) => [action.to],
  effects: () => ({ writes: { names: [":path"], prefixes: [] }, targets: [] }),
  shadow: { effect: "enforces", would: (action) => `rewrite prefix ${action.from.value}` },
  check(ctx, action) {
    requireRequestWritable(ctx, action.span, "rewrite prefix");
    ctx.types.set(action.from, "string");
    checkConstantText(ctx, action.from, PATH.description);
    checkTextValue(ctx, action.to, PATH);
  },
  lower(lowering, action) {
    return [
      { kind: "RewritePathPrefix", from: lowering.constant(action.from.value), to: lowering.text(action.to), constant: constantText(action.to) !== undefined },
      { kind: "HeaderChanged", side: "request", match: { kind: "name", value: ":path" } },
    ];
  },
};
