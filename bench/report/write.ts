import { renderMarkdown } from "./markdown.js";
import { REPORT_FILE, writeAtomically } from "./report-file.js";
import type { BenchResults } from "./results.js";

export { REPORT_FILE };
export const RESULTS_FILE = "bench/results.json";

export function writeResults(results: BenchResults): void {
  writeAtomically(RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");
  writeAtomically(REPORT_FILE, renderMarkdown(results));
}
