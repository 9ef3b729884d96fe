import type { Action, Expression, Reference } from "../../../grammar/ast.js";
import type { ActionEffects, HeaderOperation, HeaderTarget } from "../../actions/definition.js";
import { actionEffects } from "../../actions/registry.js";
import type { CheckedProgram } from "../../check/result.js";
import { sideOf, type Phase, type Side } from "../../phases.js";
import { walkExpression } from "../../../grammar/walk.js";

/** The header map a phase's actions change. */
export type HeaderMap = Side;

export function mapOfPhase(phase: Phase): HeaderMap {
  return sideOf(phase);
}

/** A header of one map, as a single comparable string: `request:x-id`, `response::status`. */
export type HeaderKey = `${HeaderMap}:${string}`;

export function headerKey(map: HeaderMap, name: string): HeaderKey {
  return `${map}:${name}`;
}

/**
 * The header a field reference reads. Fixed fields read pseudo-headers (`request.path` is `:path`), query
 * parameters live in `:path` and cookies in `cookie`; properties (`source.address`) are not headers.
 */
export function headerRead(reference: Reference, checked: CheckedProgram): HeaderKey | undefined {
  const resolution = checked.references.get(reference);
  if (resolution?.kind !== "field") return undefined;
  const source = resolution.field.source;
  switch (source.from) {
    case "request-header":
      return headerKey("request", source.header);
    case "response-header":
      return headerKey("response", source.header);
    case "request-header-keyed":
      return resolution.key === undefined ? undefined : headerKey("request", resolution.key);
    case "response-header-keyed":
      return resolution.key === undefined ? undefined : headerKey("response", resolution.key);
    case "query-keyed":
      return headerKey("request", ":path");
    case "cookie-keyed":
      return headerKey("request", "cookie");
    case "authority":
      return headerKey("request", ":authority");
    case "client-address":
      return headerKey("request", "x-forwarded-for");
    case "property":
    case "body":
      return undefined;
  }
}

/** Every header the expressions read. */
export function headersRead(expressions: Iterable<Expression>, checked: CheckedProgram): Set<HeaderKey> {
  const read = new Set<HeaderKey>();
  for (const expression of expressions) {
    walkExpression(expression, (e) => {
      if (e.kind !== "Reference") return;
      const key = headerRead(e, checked);
      if (key !== undefined) read.add(key);
    });
  }
  return read;
}

/** What an action does to header names: the exact names it writes and the prefixes it removes. */
export type HeaderWrites = ActionEffects["writes"];

export function headerWrites(action: Action): HeaderWrites {
  return actionEffects(action).writes;
}

export type { HeaderOperation, HeaderTarget };

/** Every header name an action writes or removes, including the headers of a `respond ... with { }`. */
export function headerTargets(action: Action): HeaderTarget[] {
  return [...actionEffects(action).targets];
}
