/**
 * `for host`, `for host suffix`, `for path prefix` (docs/language.md, "Scoping rules to hosts and paths"), read
 * from the AST as the docs say, not from the checker's joined conditions: a scope holds when the request (as the
 * earlier rules left it, or as it was sent upstream in later phases) has that hostname, a hostname ending with that
 * suffix, or a path whose part before the query starts with that prefix.
 */
import type { Scope } from "../../grammar/ast.js";
import { readField, type FieldSources } from "./fields.js";
import { toBytes } from "./model.js";

export function scopeHolds(scope: Scope, fields: FieldSources): boolean {
  const value = toBytes(scope.value.value);
  if (scope.target === "path prefix") {
    const path = readField(fields, "request.path", undefined);
    if (typeof path !== "string") return false;
    const end = [...path].findIndex((c) => c === "?" || c === "#");
    return (end < 0 ? path : path.slice(0, end)).startsWith(value);
  }
  const hostname = readField(fields, "request.hostname", undefined);
  if (typeof hostname !== "string") return false;
  return scope.target === "host" ? hostname === value : hostname.endsWith(value);
}
