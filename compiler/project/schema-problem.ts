import type { Severity } from "../../grammar/diagnostic.js";
import type { ValuePath } from "./value-path.js";

/**
 * One thing wrong in a YAML or JSON document checked against a JSON Schema (filterc.yaml, a test case file), by
 * the path of the key or value at fault; each loader adds the source span. Both translators of ajv's errors
 * (project/schema-problems.ts, testing/schema-problems.ts) produce it with the words below.
 */
export interface SchemaProblem {
  readonly code: string;
  readonly severity: Severity;
  /** The offending key's path, e.g. ["envoy", "listenPort"]. */
  readonly path: ValuePath;
  /** Whether the key itself is wrong (unknown, badly formed) or its value. */
  readonly at: "key" | "value";
  readonly message: string;
  readonly hint?: string;
}

export function schemaProblem(code: string, path: ValuePath, at: "key" | "value", message: string, hint?: string): SchemaProblem {
  return hint === undefined ? { code, severity: "error", path, at, message } : { code, severity: "error", path, at, message, hint };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  object: "a map",
  array: "a list",
  null: "nothing",
};

/** A JSON Schema `type` (one name or a list) in words: ["a string", "a list"]. */
export function typeWords(type: unknown): string[] {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t));
}

/** "`a`, `b` or `c`": items as written (quote them first if they are keys or values). */
export function wordList(items: readonly string[], conjunction: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
