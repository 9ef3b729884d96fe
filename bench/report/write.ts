import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { repoPath } from "../repo-root.js";
import { renderMarkdown } from "./markdown.js";
import type { BenchResults } from "./results.js";

export const RESULTS_FILE = "bench/results.json";
export const REPORT_FILE = "docs/benchmarks.md";

/** Writes a file whole or not at all: an interrupted run leaves the previous results in place. */
function writeAtomically(relative: string, text: string): void {
  const path = repoPath(relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.${process.pid}.tmp`, text);
  renameSync(`${path}.${process.pid}.tmp`, path);
}

export function writeResults(results: BenchResults): void {
  writeAtomically(RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");
  writeAtomically(REPORT_FILE, renderMarkdown(results));
}
