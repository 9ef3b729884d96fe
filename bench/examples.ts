import { readdirSync, readFileSync } from "node:fs";
import { repoPath } from "./repo-root.js";

/** An example rule file from examples/, by its name without `.fw`. */
export interface Example {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/** Every examples/*.fw, sorted by name: a new example joins the benchmark and the guards without any listing. */
export function readExamples(): Example[] {
  return readdirSync(repoPath("examples"))
    .filter((f) => f.endsWith(".fw"))
    .sort()
    .map((f) => ({ name: f.slice(0, -3), file: `examples/${f}`, text: readFileSync(repoPath("examples", f), "utf8") }));
}
