import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { globBase, globToRegExp, isGlob } from "./glob.js";

/** What directories and globs pick up. A file named explicitly is linted whatever its extension. */
export const RULE_FILE_EXTENSIONS: readonly string[] = [".fw", ".rules"];

/** Directories a walk never enters: dependencies and hidden directories (.git, .cache). */
function skipDirectory(name: string): boolean {
  return name === "node_modules" || name.startsWith(".");
}

export function isRuleFile(name: string): boolean {
  return RULE_FILE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

export interface ExpandedPaths {
  /** Absolute paths, sorted, each once. */
  readonly files: readonly string[];
  /** The arguments that matched nothing, as given. */
  readonly unmatched: readonly string[];
}

/** Files, directories (recursively, rule files only) and globs, relative to cwd. */
export function expandPaths(patterns: readonly string[], cwd: string): ExpandedPaths {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const found = expandOne(pattern, cwd);
    for (const file of found) files.add(file);
    if (found.length === 0) unmatched.push(pattern);
  }
  return { files: [...files].sort(), unmatched };
}

function expandOne(pattern: string, cwd: string): string[] {
  const path = resolve(cwd, pattern);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isFile()) return [path];
  if (stat?.isDirectory()) return walk(path).filter(isRuleFile);
  if (!isGlob(pattern)) return [];
  const posix = pattern.split(sep).join("/").replace(/^\.\//, "");
  const matcher = globToRegExp(posix);
  const absolute = isAbsolute(posix);
  return walk(resolve(cwd, globBase(posix))).filter((file) => isRuleFile(file) && matcher.test(toPosix(absolute ? file : relative(cwd, file))));
}

/** Every file under a directory, skipping dependencies and hidden directories. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipDirectory(entry.name)) pending.push(full);
      } else if (entry.isFile()) out.push(full);
    }
  }
  return out;
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** How results name a file: relative to the working directory when inside it, with `/`; else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : toPosix(rel);
}
