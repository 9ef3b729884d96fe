import type { ErrorObject } from "ajv";
import { schemaProblem as problem, typeWords, wordList, type SchemaProblem } from "../project/schema-problem.js";
import { describeValue, displayPath, pointerPath, type ValuePath } from "../project/value-path.js";
import { closestName } from "../../grammar/suggest.js";
import type { CaseSchema, SchemaNode } from "./case-schema.js";
import { TestCode } from "./codes.js";

/** One thing wrong in a case file; the loader adds the source span. */
export type CaseProblem = SchemaProblem;

/** What the pattern-checked definitions of the schema require, in words, keyed by their JSON pointer. */
const SHAPES: Readonly<Record<string, { what: string; hint: string }>> = {
  "/definitions/address": {
    what: "an IP address or IP:port",
    hint: "e.g. `203.0.113.9`, `203.0.113.9:5555`, `2001:db8::1` or `[2001:db8::1]:443`",
  },
  "/definitions/headerName": {
    what: "a header name",
    hint: "header names are letters, digits and `-` (e.g. `x-request-id`); pseudo-headers start with `:`",
  },
  "/definitions/request/properties/method": {
    what: "an HTTP method",
    hint: "e.g. `GET`, `POST`, `DELETE`",
  },
  "/definitions/base64": {
    what: "base64",
    hint: "letters, digits, `+` and `/` in groups of four, padded with `=` (e.g. `CAE=` for the bytes 08 01)",
  },
  "/definitions/hex": {
    what: "hex bytes",
    hint: "two hex digits a byte, without spaces or `0x` (e.g. `0801`)",
  },
};

/**
 * Human problems from ajv's errors. ajv reports every failed keyword, and for an `anyOf` every branch's failures
 * too, which would bury the one that matters; so an anyOf is explained again on its own: the branch whose type
 * fits the value says what is wrong inside it, and when no type fits, one message lists the types that would.
 */
export function schemaProblems(errors: readonly ErrorObject[], data: unknown, schema: CaseSchema): CaseProblem[] {
  return translate(errors, "", data, schema);
}

interface Located {
  readonly pointer: string;
  readonly problems: CaseProblem[];
  readonly isType: boolean;
}

function translate(errors: readonly ErrorObject[], prefix: string, data: unknown, schema: CaseSchema): CaseProblem[] {
  const out: Located[] = [];
  for (const error of errors) {
    const pointer = prefix + error.instancePath;
    if (error.keyword === "anyOf") {
      // The branch errors come just before the anyOf error that sums them up; they are explained again below.
      while (out.length > 0 && within(out[out.length - 1]!.pointer, pointer)) out.pop();
      out.push({ pointer, problems: explainAnyOf(error, pointer, data, schema), isType: false });
      continue;
    }
    // The inner error of a propertyNames failure; the outer one names the key.
    if (error.propertyName !== undefined) continue;
    out.push({ pointer, problems: [problemOf(error, pointerPath(pointer, data), schema)], isType: error.keyword === "type" });
  }
  // A value of the wrong type fails its other keywords too; those are noise.
  const typeFailures = new Set(out.filter((l) => l.isType).map((l) => l.pointer));
  return out.filter((l) => l.isType || !typeFailures.has(l.pointer)).flatMap((l) => l.problems);
}

function within(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + "/");
}

function explainAnyOf(error: ErrorObject, pointer: string, data: unknown, schema: CaseSchema): CaseProblem[] {
  const parent = error.parentSchema as SchemaNode | undefined;
  const count = Array.isArray(parent?.anyOf) ? parent.anyOf.length : 0;
  const fitting: ErrorObject[][] = [];
  const wanted: string[] = [];
  for (let i = 0; i < count; i++) {
    const validate = schema.branchValidator(parent, i);
    if (validate === undefined || validate(error.data)) continue;
    const branchErrors = validate.errors ?? [];
    const rootType = branchErrors.find((e) => e.keyword === "type" && e.instancePath === "");
    if (rootType === undefined) fitting.push(branchErrors);
    else wanted.push(...typeWords(rootType.params.type));
  }
  const path = pointerPath(pointer, data);
  if (fitting.length > 0) {
    const closest = fitting.reduce((best, errs) => (errs.length < best.length ? errs : best));
    return translate(closest, pointer, data, schema);
  }
  const expected = wordList([...new Set(wanted)], "or");
  return [problem(TestCode.wrongType, path, "value", `\`${displayPath(path)}\` must be ${expected}, found ${describeValue(error.data)}`, typeHint(path, error.data))];
}

function problemOf(error: ErrorObject, path: ValuePath, schema: CaseSchema): CaseProblem {
  const found: unknown = error.data;
  const name = path.length === 0 ? "the file" : `\`${displayPath(path)}\``;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const value = (code: string, message: string, hint?: string) => problem(code, path, "value", message, hint);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as SchemaNode);
      const where = path.length === 0 ? "" : ` in ${name}`;
      return problem(TestCode.unknownKey, [...path, key], "key", `unknown key \`${key}\`${where}`, unknownKeyHint(key, known, parent, path, schema));
    }
    case "type": {
      const expected = wordList(typeWords(error.params.type), "or");
      return value(TestCode.wrongType, `${name} must be ${expected}, found ${describeValue(found)}`, typeHint(path, found));
    }
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = typeof found === "string" ? closestName(found, allowed) ?? allowed.find((a) => found.toLowerCase().startsWith(a)) : undefined;
      return value(
        TestCode.notAllowedValue,
        `${name} must be ${wordList(allowed.map((a) => `\`${a}\``), "or")}, found ${describeValue(found)}`,
        suggestion !== undefined ? `did you mean \`${suggestion}\`?` : undefined,
      );
    }
    case "pattern": {
      const shape = shapeOf(parent, schema);
      return value(TestCode.malformedValue, `${name} is not ${shape?.what ?? "in the expected form"}: ${describeValue(found)}`, shape?.hint);
    }
    case "const": {
      // The one-word forms beside a map (`no-answer`, `false`): say the word, and what a map would have been.
      const allowed = error.params.allowedValue as unknown;
      const written = typeof allowed === "string" ? `\`${allowed}\`` : String(allowed);
      const close = typeof allowed === "string" && typeof found === "string" && closestName(found, [allowed]) !== undefined;
      return value(TestCode.notAllowedValue, `${name} must be ${written} or a map, found ${describeValue(found)}`, close ? `did you mean ${written}?` : undefined);
    }
    case "minLength":
      return value(TestCode.malformedValue, `${name} must not be empty`);
    case "minimum":
    case "maximum":
      return value(TestCode.outOfRange, `${name} must be between ${String(parent.minimum)} and ${String(parent.maximum)}, found ${describeValue(found)}`, rangeHint(parent));
    case "required": {
      const missing = String(error.params.missingProperty);
      if (missing === "name") return value(TestCode.missingKey, `${name} has no \`name\``, "give every case a `name` that says what it shows");
      return value(TestCode.missingKey, `${name} has no \`${missing}\``, missing === "cases" ? "list the test cases under `cases:`" : undefined);
    }
    case "minItems":
      return value(TestCode.noCases, `${name} is empty: there is nothing to test`, "add a case with a `name`, a `request` and what to `expect`");
    case "minProperties":
    case "maxProperties":
      return value(TestCode.malformedValue, `${name} needs exactly one of \`contains\` and \`matches\``, "write `{ contains: text }` or `{ matches: regex }`");
    case "propertyNames": {
      const key = String(error.params.propertyName);
      const shape = shapeOf(schema.resolve((parent as SchemaNode).propertyNames), schema);
      const what = key === "" ? "an empty key" : `\`${key}\``;
      return problem(TestCode.malformedValue, [...path, key], "key", `${what} in ${name} is not ${shape?.what ?? "allowed"}`, shape?.hint);
    }
    default:
      return value(TestCode.malformedValue, `${name} ${error.message ?? "is not valid"}`);
  }
}

/** A misspelling of a key here, a key that belongs one level down (`status` under `response`), or the list. */
function unknownKeyHint(key: string, known: readonly string[], parent: SchemaNode, path: ValuePath, schema: CaseSchema): string {
  const suggestion = closestName(key, known) ?? known.find((k) => k.toLowerCase().replace(/[-_]/g, "") === key.toLowerCase().replace(/[-_]/g, ""));
  if (suggestion !== undefined) return `did you mean \`${suggestion}\`?`;
  const properties = (parent.properties ?? {}) as Record<string, unknown>;
  for (const [child, node] of Object.entries(properties)) {
    for (const candidate of objectSchemas(node, schema)) {
      const nested = Object.keys((candidate.properties ?? {}) as SchemaNode);
      if (nested.includes(key)) return `\`${key}\` goes under \`${child}\`: \`${displayPath([...path, child, key])}\``;
    }
  }
  return `the keys here are ${wordList(known.map((k) => `\`${k}\``), "and")}`;
}

/** The object schemas a property's schema may stand for (itself, or its anyOf branches). */
function objectSchemas(node: unknown, schema: CaseSchema): SchemaNode[] {
  const resolved = schema.resolve(node);
  if (resolved === undefined) return [];
  const branches = Array.isArray(resolved.anyOf) ? resolved.anyOf.map((b) => schema.resolve(b)).filter((b) => b !== undefined) : [resolved];
  return branches.filter((b) => b.properties !== undefined);
}

function shapeOf(node: unknown, schema: CaseSchema): { what: string; hint: string } | undefined {
  for (const [pointer, shape] of Object.entries(SHAPES)) {
    if (schema.resolve({ $ref: `#${pointer}` }) === node) return shape;
  }
  return undefined;
}

function typeHint(path: ValuePath, found: unknown): string | undefined {
  const key = String(path[path.length - 1] ?? "");
  if (found === null || found === undefined) return `give \`${displayPath(path)}\` a value, or remove the key`;
  const numeric = ["status", "refused", "bufferLimit", "delay", "seed"].includes(key) || path[path.length - 2] === "metrics";
  if (typeof found === "string" && /^\d+$/.test(found.trim()) && numeric) {
    return `remove the quotes: \`${key}: ${found.trim()}\``;
  }
  if (key === "headers" || key === "metrics" || key === "request" || key === "expect") return `write \`name: value\` lines indented under \`${key}:\``;
  if (key === "cases" || key === "absent" || key === "logs") return `write one \`- \` entry per line, indented under \`${key}:\``;
  return undefined;
}

function rangeHint(parent: SchemaNode): string | undefined {
  if (parent.minimum === 100 && parent.maximum === 599) return "HTTP statuses are 100 to 599";
  return undefined;
}
