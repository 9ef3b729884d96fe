export { lower } from "./program.js";
export type { LoweredProgram, RuleMapEntry } from "./program.js";
