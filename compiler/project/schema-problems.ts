import type { ErrorObject } from "ajv";
import { nameFromRuleFile } from "../emit/settings.js";
import { closestKey } from "./closest-key.js";
import { ProjectCode } from "./project-codes.js";
import { schemaProblem as problem, typeWords, wordList, type SchemaProblem } from "./schema-problem.js";
import { describeValue, displayPath, pointerPath, type ValuePath } from "./value-path.js";

// A settings object's problems, independent of where it came from: the project-file loader turns them into
// Diagnostics with a span; the CLI reports flag values with the same words.
export type { SchemaProblem };

/** What the named pattern definitions of filterc.schema.json require, in words. */
const SHAPES: Readonly<Record<string, { what: string; hint: (found: unknown) => string }>> = {
  dnsLabel: {
    what: "a DNS-1123 label",
    hint: (found) => {
      const fixed = typeof found === "string" ? nameFromRuleFile(found + ".fw") : undefined;
      const rule = "lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters";
      return fixed !== undefined && fixed !== found && fixed !== "filterc-filter" ? `${rule}: try \`${fixed}\`` : rule;
    },
  },
  labelKey: {
    what: "a label key",
    hint: () => "an optional DNS prefix and `/`, then letters, digits, `-`, `_` and `.`, e.g. `app` or `app.kubernetes.io/name`; `*` is not allowed",
  },
  labelValue: {
    what: "a label value",
    hint: () => "at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit; `*` is not allowed",
  },
  apiGroup: {
    what: "an API group",
    hint: () => "e.g. `gateway.networking.k8s.io`; leave `group` out to use the kind's usual group",
  },
  kindName: {
    what: "a Kubernetes kind",
    hint: () => "one of `Gateway`, `GatewayClass`, `Service` or `ServiceEntry`",
  },
  releaseLine: {
    what: "a release such as `1.25`",
    hint: () => "the major and minor version, optionally with the patch: `1.25` or `1.25.3`; quote it in YAML (`\"1.30\"`), or 1.30 reads as the number 1.3",
  },
  absolutePath: {
    what: "an absolute path",
    hint: () => "the path of the module inside the proxy container, e.g. `/var/local/filter.wasm`",
  },
  wasmUrl: {
    what: "a file://, http://, https:// or oci:// url",
    hint: () => "Istio loads modules from those schemes only; a url without a scheme is an OCI image reference",
  },
  metricPrefix: {
    what: "a metric prefix",
    hint: () => "words of letters, digits, `_` and `-`, each followed by a dot, e.g. `filterc.shop.`; empty for no prefix",
  },
  host: {
    what: "an IP address or host name",
    hint: () => "without a scheme or a port: set the port with `envoy.upstreamPort`",
  },
};

/** Unknown keys whose right replacement is not a spelling fix. */
const UNKNOWN_KEY_HINTS: Readonly<Record<string, string>> = {
  "targetRefs.*.namespace":
    "a WasmPlugin can only target objects in its own namespace; set the top-level `namespace` instead",
};

/**
 * Human problems from ajv's errors. `data` is the validated value, `schema` the root schema (for the key lists
 * and descriptions quoted in hints). ajv reports a failing key once per failed keyword; a type error makes the
 * others at the same place noise, so only it is kept.
 */
export function schemaProblems(
  errors: readonly ErrorObject[],
  data: unknown,
  schema: Record<string, unknown>,
): SchemaProblem[] {
  const typeFailures = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    // The inner error of a propertyNames failure; the outer one names the key.
    if (error.propertyName !== undefined) continue;
    if (error.keyword !== "type" && typeFailures.has(error.instancePath)) continue;
    problems.push(problemOf(error, data, schema));
  }
  return problems;
}

function problemOf(error: ErrorObject, data: unknown, schema: Record<string, unknown>): SchemaProblem {
  const path = pointerPath(error.instancePath, data);
  const found: unknown = error.data;
  const name = `\`${displayPath(path)}\``;
  const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const definition = /^#\/definitions\/([^/]+)\//.exec(error.schemaPath)?.[1];
  const shape = definition !== undefined ? SHAPES[definition] : undefined;
  const value = (message: string, hint?: string, code: string = ProjectCode.malformedValue): SchemaProblem =>
    problem(code, path, "value", message, hint);

  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const keyPath = [...path, key];
      const known = Object.keys((parentSchema.properties ?? {}) as Record<string, unknown>);
      const where = path.length === 0 ? "" : ` in ${name}`;
      const special = UNKNOWN_KEY_HINTS[wildcardPath(keyPath)];
      const suggestion = closestKey(key, known);
      const hint = special ?? (suggestion !== undefined ? `did you mean \`${suggestion}\`?` : `the keys here are ${listOf(known)}`);
      return problem(ProjectCode.unknownKey, keyPath, "key", `unknown key \`${key}\`${where}`, hint);
    }
    case "type": {
      const expected = typeWords(error.params.type)[0]!;
      return value(`${name} must be ${expected}, found ${describeValue(found)}`, typeHint(path, expected, found, schema), ProjectCode.wrongType);
    }
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = typeof found === "string" || typeof found === "number" ? closestKey(String(found), allowed) : undefined;
      return value(
        `${name} must be ${listOf(allowed, "or")}, found ${describeValue(found)}`,
        suggestion !== undefined ? `did you mean \`${suggestion}\`?` : undefined,
        ProjectCode.notAllowedValue,
      );
    }
    case "pattern":
      return value(`${name} must be ${shape?.what ?? `text matching ${String(error.params.pattern)}`}, found ${describeValue(found)}`, shape?.hint(found));
    case "minLength":
      return value(`${name} must not be empty`, shape?.hint(found));
    case "maxLength":
      return value(
        `${name} is ${String(found).length} characters long; at most ${String(error.params.limit)} are allowed`,
        shape?.hint(found),
      );
    case "minimum":
    case "maximum":
      return value(
        `${name} must be between ${String(parentSchema.minimum)} and ${String(parentSchema.maximum)}, found ${describeValue(found)}`,
        undefined,
        ProjectCode.outOfRange,
      );
    case "required": {
      const required = ((parentSchema.required ?? []) as string[]).map((k) => `\`${k}\``).join(" and ");
      return value(`${name} is missing \`${String(error.params.missingProperty)}\``, `each entry needs ${required}`, ProjectCode.missingKey);
    }
    case "maxItems":
    case "maxProperties":
      return value(`${name} has too many entries; at most ${String(error.params.limit)} are allowed`, undefined, ProjectCode.tooManyEntries);
    case "minItems":
      return value(`${name} is empty`, `remove ${name}, or give it at least ${String(error.params.limit)} entry`, ProjectCode.tooManyEntries);
    case "propertyNames": {
      const key = String(error.params.propertyName);
      const keyShape = keyShapeOf(path, schema);
      const what = key === "" ? "an empty key" : `\`${key}\``;
      const message = keyShape !== undefined ? `${what} in ${name} is not ${keyShape.what}` : `${what} is not allowed in ${name}`;
      return problem(ProjectCode.malformedValue, [...path, key], "key", message, keyShape?.hint(key));
    }
    default:
      return value(`${name} ${error.message ?? "is not valid"}`);
  }
}

/** "targetRefs.*.namespace": the path with list indices generalised, to key the special hints. */
function wildcardPath(path: ValuePath): string {
  return path.map((s) => (typeof s === "number" ? "*" : s)).join(".");
}

function typeHint(path: ValuePath, expected: string, found: unknown, schema: Record<string, unknown>): string | undefined {
  const key = displayPath(path);
  const last = String(path[path.length - 1] ?? key);
  if (found === null || found === undefined) return `give \`${key}\` a value, or remove the key`;
  const isNumberType = expected === "a whole number" || expected === "a number";
  if (isNumberType && typeof found === "string" && /^-?\d+(\.\d+)?$/.test(found.trim())) {
    return `remove the quotes: \`${last}: ${found.trim()}\``;
  }
  if (expected === "a whole number" && typeof found === "number") return `use a whole number, e.g. \`${last}: ${Math.round(found)}\``;
  if (expected === "a string" && typeof found === "number" && (last === "istioVersion" || last === "envoyVersion")) {
    // YAML has already read 1.30 as 1.3: the digits the user wrote are gone, so the hint cannot repeat them.
    return `quote the release as you mean it, e.g. \`${last}: "1.30"\`: unquoted, YAML reads 1.30 as the number ${String(found)}`;
  }
  if (expected === "a string" && (typeof found === "number" || typeof found === "boolean")) {
    return `quote it: \`${last}: "${String(found)}"\``;
  }
  if (expected === "a map") return `write \`key: value\` lines indented under \`${last}:\``;
  if (expected === "a list") return `write one \`- \` entry per line, indented under \`${last}:\``;
  return descriptionAt(path, schema);
}

/** The shape a map's keys must have, from its propertyNames definition. */
function keyShapeOf(path: ValuePath, schema: Record<string, unknown>) {
  const names = subschemaAt(path, schema)?.propertyNames as Record<string, unknown> | undefined;
  const ref = typeof names?.$ref === "string" ? names.$ref.split("/").pop() : undefined;
  return ref !== undefined ? SHAPES[ref] : undefined;
}

function descriptionAt(path: ValuePath, schema: Record<string, unknown>): string | undefined {
  const description = subschemaAt(path, schema)?.description;
  return typeof description === "string" ? description : undefined;
}

/** The schema that governs the value at `path` (properties, items, additionalProperties; no $ref followed). */
function subschemaAt(path: ValuePath, schema: Record<string, unknown>): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = schema;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === "number") {
      node = node.items as Record<string, unknown> | undefined;
    } else {
      const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
      node = properties?.[segment] ?? (typeof node.additionalProperties === "object" ? (node.additionalProperties as Record<string, unknown>) : undefined);
    }
  }
  return node;
}

function listOf(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  return wordList(items.map((i) => `\`${i}\``), conjunction);
}
