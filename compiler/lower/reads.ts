import type { Expression } from "../../grammar/ast.js";
import { walkExpression } from "../../grammar/walk.js";
import type { FieldSource } from "../fields.js";
import { functionDefinition } from "../functions/registry.js";
import type { Side } from "../phases.js";
import type { LowerContext } from "./context.js";

/**
 * What an expression may read: a param, a variable (`let`: set by rules as they run, so never decided early), a field
 * by where its value comes from, a group of the rule's `matches` (`match[N]`, known only once the rule's condition
 * ran), or a random generator.
 */
export type ValueSource = "param" | "variable" | "match-group" | "random" | FieldSource["from"];

/**
 * The side of the exchange each field source belongs to; properties of the connection belong to none (the proxy
 * answers them live in every phase).
 */
const SIDE_OF_SOURCE: Readonly<Record<FieldSource["from"], Side | undefined>> = {
  "request-header": "request",
  "request-header-keyed": "request",
  "query-keyed": "request",
  "cookie-keyed": "request",
  authority: "request",
  // x-forwarded-for and the peer, chosen by `trusted_hops`: a setting a reconfiguration may change between the
  // phases, as a param may, so it is not a request value that a request verdict could decide early.
  "client-address": undefined,
  "response-header": "response",
  "response-header-keyed": "response",
  property: undefined,
  // Read in its own body phase only (compiler/fields.ts), never decided early for a later phase.
  body: undefined,
};

/**
 * What an expression reads: `param` for params, else the field's source (`request-header`, `property`, ...).
 * Lowering asks it to know when a value is fixed: by the configuration (params only) or by the end of a side's
 * phases (values of that side only).
 */
export function sourcesRead(ctx: LowerContext, expr: Expression): Set<ValueSource> {
  const sources = new Set<ValueSource>();
  walkExpression(expr, (e) => {
    if (e.kind === "Call" && functionDefinition(e.callee.name)?.random === true) sources.add("random");
    if (e.kind !== "Reference") return;
    if (ctx.checked.matchGroups.has(e)) {
      sources.add("match-group");
      return;
    }
    const resolution = ctx.resolve(e);
    sources.add(resolution.kind === "field" ? resolution.field.source.from : resolution.kind);
  });
  return sources;
}

/** Whether a source is a value of `side`: final once that side's phases are over, and absent without them. */
export function isValueOfSide(source: ValueSource, side: Side): boolean {
  return source !== "param" && source !== "variable" && source !== "match-group" && source !== "random" && SIDE_OF_SOURCE[source] === side;
}
