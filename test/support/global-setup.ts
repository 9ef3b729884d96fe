// globalSetup of the e2e project (vitest.config.ts): one directory for the compiled-module cache
// (module-cache.ts) per test run. Every worker of the run reads and writes it, so a program several test files
// compile is compiled once per run; the next run starts empty, so no module compiled by an older compiler, runtime
// or toolchain can ever be read, whatever the cache key might miss. FILTERC_TEST_CACHE_SHARED=DIR is the one
// exception: CI's two passes (Node 20, then Node 22, on one tree) use that directory, and it is kept at the end.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's compiled-module directory; absent when FILTERC_TEST_CACHE=off. */
    moduleCacheDir?: string;
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  if (process.env.FILTERC_TEST_CACHE === "off") return undefined;
  const shared = process.env.FILTERC_TEST_CACHE_SHARED;
  if (shared) {
    // module-cache.ts reads and writes it only if it belongs to this user.
    try {
      mkdirSync(shared, { recursive: true, mode: 0o700 });
    } catch (error) {
      console.warn(`filterc tests: no compiled-module cache directory ${shared} (${(error as Error).message}); compiling per worker`);
      return undefined;
    }
    project.provide("moduleCacheDir", shared);
    return undefined;
  }
  const parent = process.env.FILTERC_TEST_CACHE_DIR || tmpdir();
  let dir: string;
  try {
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    // mkdtemp: a new directory with an unguessable name, mode 0700, owned by this user.
    dir = mkdtempSync(join(parent, "filterc-tests-"));
  } catch (error) {
    // A cache that cannot be made changes nothing but speed: each worker keeps its own modules in memory.
    console.warn(`filterc tests: no compiled-module cache directory in ${parent} (${(error as Error).message}); compiling per worker`);
    return undefined;
  }
  project.provide("moduleCacheDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
