import type { RewritePath } from "../../grammar/ast.js";
import { PATH, requireRequestWritable } from "../check/actions.js";
import { checkTextValue } from "../check/values.js";
import type { ActionDefinition } from "./definition.js";

/** `rewrite path EXPR` */
export const rewritePath: ActionDefinition<RewritePath> = {
  keyword: () => "rewrite",
  synopsis: "`rewrite path EXPR`",
  production: "rewrite",
  expressions: (action) => [action.value],
  effects: () => ({ writes: { names: [":path"], prefixes: [] }, targets: [] }),
  shadow: { effect: "enforces", would: () => "rewrite path" },
  check(ctx, action) {
    requireRequestWritable(ctx, action.span, "rewrite path");
    checkTextValue(ctx, action.value, PATH);
  },
  lower(lowering, action) {
    return [
      { kind: "RewritePath", value: lowering.text(action.value) },
      { kind: "HeaderChanged", side: "request", match: { kind: "name", value: ":path" } },
    ];
  },
};
