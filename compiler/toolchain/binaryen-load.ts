import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { createRequire, register } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { glueOf, splitBinaryen, type SplitBinaryen } from "./binaryen-split.js";

/**
 * The one binaryen instance of the process, for filterc's optimizer and for the AssemblyScript compiler alike.
 *
 * It comes from binaryen's glue and wasm as split by binaryen-split.ts, kept in a cache directory, so a cold
 * process reads 9 MB of bytes instead of parsing a 13 MB module. The first build after an install (or on a new
 * cache directory) splits the package once and writes the cache. The AssemblyScript compiler imports "binaryen"
 * itself; a module resolution hook hands it this instance, so the process holds one copy.
 *
 * The cache holds code this process runs, so it lives in a per-user directory (`$XDG_CACHE_HOME/filterc`, else
 * `~/.cache/filterc`; `FILTERC_CACHE_DIR` moves it) created with mode 0700, is used only if it is a directory
 * owned by this user that nobody else may write, and its glue runs only if it is exactly the glue derived from the
 * installed package at load. `FILTERC_CACHE=off` turns it off. Whatever fails here (an unknown binaryen build, a
 * read-only or foreign directory) falls back to importing binaryen as usual: slower, never different.
 */
export type Binaryen = typeof import("binaryen").default;

// Process-wide, not module state: test runners evaluate this module again per test file, while Node's own module
// cache (where the AssemblyScript compiler lives, holding on to the instance it was given) is per process.
const INSTANCE = Symbol.for("filterc.binaryen");
const global = globalThis as { [INSTANCE]?: Promise<Binaryen> };

export function loadBinaryen(): Promise<Binaryen> {
  if (process.env.FILTERC_CACHE === "off") return importBinaryen();
  // The hook first: Node starts a thread for it, which boots while this thread loads binaryen.
  handToAssemblyScript();
  global[INSTANCE] ??= loadFromCache().catch(() => importBinaryen());
  return global[INSTANCE];
}

async function importBinaryen(): Promise<Binaryen> {
  return (await import("binaryen")).default;
}

async function loadFromCache(): Promise<Binaryen> {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("binaryen/package.json");
  const { version, main } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; main?: string };
  const entry = join(dirname(manifest), main ?? "index.js");
  const files = cacheFiles(version);
  if (files === undefined) return importBinaryen();
  const text = readFileSync(entry, "utf8");
  const cached = readCache(files, text);
  const split = cached ?? splitAndCache(text, files);
  if (split === undefined) return importBinaryen();
  let binaryen: Binaryen;
  try {
    const factory = new Script(split.glue, { filename: entry }).runInThisContext() as (
      importModule: (specifier: string) => Promise<unknown>,
      url: string,
      wasm: Uint8Array,
    ) => Promise<Binaryen>;
    // The glue imports node:module first thing; handing it over directly spares that import a round trip through
    // the resolution hook's thread.
    const importModule = (specifier: string) => (specifier === "node:module" ? Promise.resolve(nodeModule) : import(specifier));
    binaryen = await factory(importModule, pathToFileURL(entry).href, split.wasm);
  } catch (error) {
    // A damaged cache is split again by the next process rather than failing every one.
    if (cached !== undefined) for (const file of Object.values(files)) rmSync(file, { force: true });
    throw error;
  }
  return binaryen;
}

interface CacheFiles {
  readonly glue: string;
  readonly wasm: string;
}

/** The cache files for this binaryen version, or undefined when there is no directory this user alone controls. */
function cacheFiles(version: string): CacheFiles | undefined {
  const dir = cacheDirectory();
  if (!isPrivateDirectory(dir)) return undefined;
  const base = join(dir, `binaryen-${version.replace(/[^\w.-]/g, "_")}`);
  return { glue: `${base}.js`, wasm: `${base}.wasm` };
}

export function cacheDirectory(): string {
  if (process.env.FILTERC_CACHE_DIR) return process.env.FILTERC_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "filterc");
}

/**
 * Creates `dir` (mode 0700) if missing, and says whether it is a real directory owned by this user that no group
 * or other user may write: anyone else able to put a file there could have this process run it.
 */
export function isPrivateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    const owner = process.getuid?.();
    return stat.isDirectory() && (owner === undefined || stat.uid === owner) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The cached split, if the glue is exactly the one derived from the installed package `text`. */
function readCache(files: CacheFiles, text: string): SplitBinaryen | undefined {
  try {
    const glue = readFileSync(files.glue, "utf8");
    if (glue !== glueOf(text)?.glue) return undefined;
    return { glue, wasm: readFileSync(files.wasm) };
  } catch {
    return undefined;
  }
}

function splitAndCache(text: string, files: CacheFiles): SplitBinaryen | undefined {
  const split = splitBinaryen(text);
  if (split === undefined) return undefined;
  try {
    // The wasm first: a reader takes the cache only when the glue is there too. Each file appears whole (renamed
    // into place), so processes splitting at the same time just write the same bytes twice.
    writeWhole(files.wasm, split.wasm);
    writeWhole(files.glue, split.glue);
  } catch {
    // An unwritable cache only costs the next process the split again.
  }
  return split;
}

function writeWhole(path: string, content: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

const HANDED = Symbol.for("filterc.binaryen.handed");

/**
 * Resolves the AssemblyScript compiler's `import "binaryen"` to this process's instance (whichever way it was
 * loaded: the hook waits for it).
 */
function handToAssemblyScript(): void {
  const state = globalThis as { [HANDED]?: boolean };
  if (state[HANDED]) return;
  state[HANDED] = true;
  const instance = `data:text/javascript,${encodeURIComponent(
    `export default await globalThis[Symbol.for("filterc.binaryen")];`,
  )}`;
  const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "binaryen" && /\\/assemblyscript\\/dist\\//.test(context.parentURL ?? "")) {
    return { url: ${JSON.stringify(instance)}, shortCircuit: true };
  }
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
