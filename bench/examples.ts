import { existsSync, readdirSync, readFileSync } from "node:fs";
import { repoPath } from "./repo-root.js";

/** An example rule file from examples/, by its name without `.fw`. */
export interface Example {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/**
 * Every examples/*.fw, and every examples/DIR/*.fw with its tests beside it (NAME.test.yaml: a filter of its own,
 * such as api/gateway.fw, which imports ../shared/baseline.fw; a file that is only imported has none), sorted by
 * name: a new example joins the benchmark and the guards without any listing.
 */
export function readExamples(): Example[] {
  const files: string[] = [];
  for (const entry of readdirSync(repoPath("examples"), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".fw")) files.push(entry.name);
    if (!entry.isDirectory()) continue;
    for (const f of readdirSync(repoPath("examples", entry.name))) {
      if (f.endsWith(".fw") && existsSync(repoPath("examples", entry.name, `${f.slice(0, -3)}.test.yaml`))) files.push(`${entry.name}/${f}`);
    }
  }
  return files.sort().map((f) => ({ name: f.slice(0, -3), file: `examples/${f}`, text: readFileSync(repoPath("examples", f), "utf8") }));
}
