import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Document } from "yaml";
import { yamlLibrary } from "../project/libraries.js";
import { loadProjectFile, type LoadedProjectFile } from "../project/index.js";
import { Source } from "../../grammar/source.js";

export const PROJECT_FILE_NAME = "filterc.yaml";

/**
 * The project file that configures a rule file: the nearest filterc.yaml in its directory or above, up to the
 * repository root (the first directory with a `.git`) or the file system root. One file configures a whole tree,
 * and a subdirectory can have its own; the nearest wins, whole (files are not merged).
 */
export function findProjectFile(directory: string): string | undefined {
  let dir = directory;
  for (;;) {
    const candidate = join(dir, PROJECT_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (existsSync(join(dir, ".git")) || parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedProject {
  /** Absolute path. */
  readonly path: string;
  readonly source: Source;
  /** The YAML document, for locating keys and values in diagnostics. */
  readonly document: Document;
  readonly file: LoadedProjectFile;
}

export function loadProject(path: string, displayName: string): LoadedProject {
  const source = new Source(displayName, readFileSync(path, "utf8"));
  return { path, source, document: yamlLibrary().parseDocument(source.text, { merge: true }), file: loadProjectFile(source) };
}
