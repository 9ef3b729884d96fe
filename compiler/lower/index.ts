export { COVERAGE_METRIC_PREFIX, lower } from "./program.js";
export type { LoweredProgram, LowerOptions, RuleMapEntry } from "./program.js";
