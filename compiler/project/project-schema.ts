import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { ajvLibrary } from "./libraries.js";
import { packagePath } from "../package-path.js";

const SCHEMA_FILE = join("schemas", "filterc.schema.json");

/** The published schema: editors read it, and so does the loader. */
export function projectSchemaPath(): string {
  return packagePath(SCHEMA_FILE);
}

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;

export function projectSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(projectSchemaPath(), "utf8")) as Record<string, unknown>;
  return schema;
}

/** Compiled once per process. verbose keeps each error's schema and data, which the messages quote. */
export function projectValidator(): ValidateFunction {
  validator ??= new (ajvLibrary().Ajv)({ allErrors: true, verbose: true, strict: true }).compile(projectSchema());
  return validator;
}
