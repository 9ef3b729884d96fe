import type { BenchResults, ModuleResult } from "../results.js";

export const IMPLEMENTATIONS = ["filterc", "minimal", "sdk"] as const;

export function findModule(r: BenchResults, example: string, implementation: string): ModuleResult | undefined {
  return r.modules.find((m) => m.example === example && m.implementation === implementation);
}

/** The examples, in the order the run measured them. */
export function exampleNames(r: BenchResults): string[] {
  return r.modules.filter((m) => m.implementation === "filterc").map((m) => m.example);
}
