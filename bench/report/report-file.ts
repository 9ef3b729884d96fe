import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { repoPath } from "../repo-root.js";

/** The report the bench writes: `npm run bench` whole, the recorded sections one at a time. */
export const REPORT_FILE = "docs/benchmarks.md";

/** Writes a file whole or not at all: an interrupted run leaves the previous results in place. */
export function writeAtomically(relative: string, text: string): void {
  const path = repoPath(relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.${process.pid}.tmp`, text);
  renameSync(`${path}.${process.pid}.tmp`, path);
}
