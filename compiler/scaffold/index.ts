/** The projects `filterc init` writes: templates, targets, the files they make, and writing them safely. */
export {
  DEFAULT_NAMESPACE,
  DEFAULT_TARGET,
  DEFAULT_TEMPLATE,
  isTargetId,
  isTemplateId,
  labelProblem,
  nameFromDirectory,
  TARGET_IDS,
  TEMPLATE_IDS,
  type ScaffoldOptions,
  type TargetId,
  type TemplateId,
} from "./options.js";
export { FIXED_PATHS, scaffold, type ScaffoldFile } from "./scaffold.js";
export type { Target } from "./target.js";
export { TARGETS } from "./targets.js";
export type { Template, TryIt } from "./template.js";
export { TEMPLATES } from "./templates.js";
export { existingPaths, ScaffoldConflictError, writeScaffold } from "./write.js";
