import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A file shipped in the filterc package (schemas/, runtime/), found by walking up from this module: it sits one
 * level deeper in dist/ than in the sources, so no fixed depth works for both.
 */
export function packagePath(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`filterc installation is incomplete: ${relative} not found`);
    dir = parent;
  }
}
