import type { SettingsOverrides } from "../emit/settings.js";
import { projectSchema, projectValidator } from "./project-schema.js";
import { schemaProblems, type SchemaProblem } from "./schema-problems.js";

/**
 * Checks settings that did not come from a file (command-line flags) by the same rules as filterc.yaml, so
 * `--name Bad_Name` and `name: Bad_Name` are refused alike. Problems carry the key path (["envoy",
 * "listenPort"]) for the caller to name its flag; there is no span to point at.
 */
export function checkOverrides(overrides: SettingsOverrides): SchemaProblem[] {
  const data = withoutUndefined(overrides) as Record<string, unknown>;
  const validate = projectValidator();
  if (validate(data)) return [];
  return schemaProblems(validate.errors ?? [], data, projectSchema());
}

/** Option parsers leave absent flags as undefined keys; to a schema those look like keys with a bad value. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}
