import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { createRequire, register } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { splitBinaryen, type SplitBinaryen } from "./binaryen-split.js";

/**
 * The one binaryen instance of the process, for filterc's optimizer and for the AssemblyScript compiler alike.
 *
 * It comes from binaryen's glue and wasm as split by binaryen-split.ts, kept in a cache directory, so a cold
 * process reads 9 MB of bytes instead of parsing a 13 MB module. The first build after an install (or on a new
 * cache directory) splits the package once and writes the cache. The AssemblyScript compiler imports "binaryen"
 * itself; a module resolution hook hands it this instance, so the process holds one copy.
 *
 * `FILTERC_CACHE_DIR` moves the cache (default: a `filterc-cache` folder in the system's temporary directory);
 * `FILTERC_CACHE=off` turns it off. Whatever fails here (an unknown binaryen build, a read-only directory) falls
 * back to importing binaryen as usual: slower, never different.
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
  const cached = readCache(version);
  const split = cached ?? splitAndCache(entry, version);
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
    if (cached !== undefined) for (const file of Object.values(cacheFiles(version))) rmSync(file, { force: true });
    throw error;
  }
  return binaryen;
}

function cacheFiles(version: string): { glue: string; wasm: string } {
  const dir = process.env.FILTERC_CACHE_DIR || join(tmpdir(), "filterc-cache");
  const base = join(dir, `binaryen-${version.replace(/[^\w.-]/g, "_")}`);
  return { glue: `${base}.js`, wasm: `${base}.wasm` };
}

function readCache(version: string): SplitBinaryen | undefined {
  const files = cacheFiles(version);
  try {
    return { glue: readFileSync(files.glue, "utf8"), wasm: readFileSync(files.wasm) };
  } catch {
    return undefined;
  }
}

function splitAndCache(entry: string, version: string): SplitBinaryen | undefined {
  const split = splitBinaryen(readFileSync(entry, "utf8"));
  if (split === undefined) return undefined;
  const files = cacheFiles(version);
  try {
    mkdirSync(dirname(files.glue), { recursive: true });
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
