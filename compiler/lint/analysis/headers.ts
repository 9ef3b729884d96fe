import type { Action, Expression, Reference, StringLiteral } from "../../../grammar/ast.js";
import type { CheckedProgram } from "../../check/result.js";
import type { Phase } from "../../phases.js";
import { walkExpression } from "../../../grammar/walk.js";

/** The header map a phase's actions change. */
export type HeaderMap = "request" | "response";

export function mapOfPhase(phase: Phase): HeaderMap {
  return phase === "request_headers" ? "request" : "response";
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
    case "property":
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
export interface HeaderWrites {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
}

export function headerWrites(action: Action): HeaderWrites {
  switch (action.kind) {
    case "HeaderAssign":
    case "HeaderRemove":
      return { names: [action.name.value], prefixes: [] };
    case "HeaderRename":
      return { names: [action.from.value, action.to.value], prefixes: [] };
    case "HeaderRemovePrefix":
      return { names: [], prefixes: [action.prefix.value] };
    case "RewritePath":
    case "RewritePrefix":
    case "QueryParam":
      return { names: [":path"], prefixes: [] };
    default:
      return { names: [], prefixes: [] };
  }
}

/** How an action names a header: the operation, for messages and for rules that care which one it is. */
export type HeaderOperation = "set" | "add" | "set_default" | "remove" | "rename-from" | "rename-to" | "local-reply";

export interface HeaderTarget {
  readonly name: StringLiteral;
  readonly operation: HeaderOperation;
  readonly action: Action;
}

/** Every header name an action writes or removes, including the headers of a `respond ... with { }`. */
export function headerTargets(action: Action): HeaderTarget[] {
  switch (action.kind) {
    case "HeaderAssign":
      return [{ name: action.name, operation: action.op, action }];
    case "HeaderRemove":
      return [{ name: action.name, operation: "remove", action }];
    case "HeaderRename":
      return [
        { name: action.from, operation: "rename-from", action },
        { name: action.to, operation: "rename-to", action },
      ];
    case "Respond":
      return action.headers.map((h) => ({ name: h.name, operation: "local-reply" as const, action }));
    default:
      return [];
  }
}
