import { lstatSync, readlinkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { makeDirectory } from "../file-errors.js";
import type { ScaffoldFile } from "./scaffold.js";

/** Writing would replace files that exist; nothing was written. */
export class ScaffoldConflictError extends Error {
  constructor(readonly existing: readonly string[]) {
    super(`${existing.length === 1 ? "a file" : "files"} already exist: ${existing.join(", ")}`);
    this.name = "ScaffoldConflictError";
  }
}

/**
 * The paths (as given) that already exist in `dir`. lstat, not exists: a dangling symbolic link is still
 * something `init` would replace.
 */
export function existingPaths(dir: string, paths: readonly string[]): string[] {
  return paths.filter((path) => {
    try {
      lstatSync(join(dir, path));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Writes the files into `dir` (created when missing) and returns their full paths. All or nothing: without
 * `force`, a file that exists stops everything before anything is written (ScaffoldConflictError), and each file
 * is created exclusively, so one that appears meanwhile is not overwritten either and the files already written
 * are removed again. With `force`, existing files are replaced, each through a temporary file and a rename.
 */
export function writeScaffold(dir: string, files: readonly ScaffoldFile[], options: { force?: boolean } = {}): string[] {
  const paths = files.map((file) => file.path);
  for (const path of paths) refuseOutside(dir, path);
  if (!options.force) {
    const existing = existingPaths(dir, paths);
    if (existing.length > 0) throw new ScaffoldConflictError(existing);
  }
  const created: string[] = [];
  const createdDirectories: string[] = [];
  try {
    for (const file of files) {
      const target = join(dir, file.path);
      const newDirectory = makeDirectory(dirname(target), `write ${target}`);
      if (newDirectory !== undefined) createdDirectories.push(newDirectory);
      if (options.force) replaceFile(target, file.content);
      else writeFileSync(target, file.content, { flag: "wx" });
      created.push(target);
    }
  } catch (error) {
    if (!options.force) {
      for (const path of created) rmSync(path, { force: true });
      for (const directory of createdDirectories.reverse()) rmSync(directory, { recursive: true, force: true });
    }
    if ((error as { code?: string }).code === "EEXIST") throw new ScaffoldConflictError(existingPaths(dir, paths.slice(created.length)));
    throw error;
  }
  return created;
}

/**
 * `init` writes only inside `dir`. Template paths are relative and plain, but a folder on the way that already
 * exists as a symbolic link (`.github` -> elsewhere) would carry the write out of `dir`: refused before anything is
 * written. The file itself may be a link: it is replaced (rename), or refused as existing, never written through.
 */
function refuseOutside(dir: string, path: string): void {
  const relative = normalize(path);
  if (isAbsolute(relative) || relative === ".." || relative.startsWith(`..${sep}`)) throw new Error(`${path} is not inside ${dir}`);
  let current = dir;
  for (const part of relative.split(sep).slice(0, -1)) {
    current = join(current, part);
    let linked = false;
    try {
      linked = lstatSync(current).isSymbolicLink();
    } catch {
      return; // Missing: mkdir creates a real folder from here on.
    }
    if (linked) throw new Error(`${current} is a symbolic link (to ${readlinkSync(current)}); init writes only inside ${dir}, so remove the link or choose another folder`);
  }
}

function replaceFile(target: string, content: string): void {
  const temp = join(dirname(target), `.filterc-init.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
