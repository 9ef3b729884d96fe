import type { HeaderAssign } from "../../grammar/ast.js";
import { checkHeaderName, HEADER_VALUE } from "../check/actions.js";
import { checkTextValue } from "../check/values.js";
import { sourcesRead } from "../lower/reads.js";
import type { ActionDefinition } from "./definition.js";

/** `set "h" = EXPR`, `add "h" = EXPR`, `set_default "h" = EXPR`. */
export const headerAssign: ActionDefinition<HeaderAssign> = {
  keyword: (action) => action.op,
  synopsis: '`set "h" = EXPR`',
  production: "header_assign",
  expressions: (action) => [action.value],
  effects: (action) => ({ writes: { names: [action.name.value], prefixes: [] }, targets: [{ name: action.name, operation: action.op, action }] }),
  shadow: { effect: "enforces", would: (action) => `${action.op} ${action.name.value}` },
  check(ctx, action) {
    checkHeaderName(ctx, action.name);
    checkTextValue(ctx, action.value, HEADER_VALUE);
  },
  lower(lowering, action) {
    const { ctx, side } = lowering;
    const header = action.name.value;
    const changed = { kind: "HeaderChanged", side, match: { kind: "name", value: header } } as const;
    if (action.value.kind !== "StringLiteral" && [...sourcesRead(ctx, action.value)].every((s) => s === "param")) {
      // Computed and checked once per configuration (see keepConfigured); `K<i>_safe` says it passed the check.
      const global = ctx.configured(lowering.text(action.value));
      return [{ kind: "WriteHeader", side, op: action.op, header, name: lowering.constant(header), value: global, safety: { kind: "configured", global } }, changed];
    }
    // A literal value was checked for CR, LF and NUL at compile time.
    const literal = action.value.kind === "StringLiteral" && action.op !== "set_default";
    // The value first: static data keeps the order in which lowering first needs each constant.
    const value = lowering.text(action.value);
    const write = { kind: "WriteHeader", side, op: action.op, header, name: lowering.constant(header), value, safety: { kind: literal ? "constant" : "runtime" }, literal: literal && action.value.kind === "StringLiteral" ? action.value.value : undefined } as const;
    // After `set` of a literal the header's value is known: later reads need no host call.
    return [write, literal && action.op === "set" ? { ...changed, value } : changed];
  },
};
