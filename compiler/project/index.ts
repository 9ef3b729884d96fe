export { checkOverrides } from "./check-overrides.js";
export { loadProjectFile, type LoadedProjectFile } from "./load-project-file.js";
export { PROJECT_CODES, ProjectCode } from "./project-codes.js";
export type { LintLevel, OptimizeFor, ProjectFile } from "./project-file.js";
export { projectSchemaPath } from "./project-schema.js";
export { resolveSettings } from "./resolve-settings.js";
export { DISABLED_RULES_KEY, unknownConfigKeyError, unknownConfigKeys, type UnknownConfigKey } from "./unknown-config-keys.js";
export type { SchemaProblem } from "./schema-problems.js";
export { displayPath, type ValuePath } from "./value-path.js";
