import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root, found by walking up to filterc's package.json. The bench runs both from its TypeScript
 * sources (vitest imports them in test/guards) and from dist/bench, one directory deeper, so fixed `../..` paths
 * would be right in only one of the two.
 */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "filterc") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`filterc's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot();

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}
