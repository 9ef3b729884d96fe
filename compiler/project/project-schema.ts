import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";

const SCHEMA_FILE = join("schemas", "filterc.schema.json");

/**
 * The published schema is the single definition of a valid filterc.yaml: editors read it, and so does the
 * loader. It sits in the package's schemas/ directory, two levels above this file in the sources and three in
 * dist/, so look upwards instead of hard-coding the depth.
 */
export function projectSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`filterc installation is incomplete: ${SCHEMA_FILE} not found`);
    dir = parent;
  }
}

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;

export function projectSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(projectSchemaPath(), "utf8")) as Record<string, unknown>;
  return schema;
}

/** Compiled once per process. verbose keeps each error's schema and data, which the messages quote. */
export function projectValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile(projectSchema());
  return validator;
}
