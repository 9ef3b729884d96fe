// A cache of compiled wasm modules for the in-process tests: the same program compiled by several test files of a
// run costs one compile. Entries are keyed by a hash of the inputs *and of the compiler itself*, so an edit to the
// compiler, the runtime or a toolchain package during a run (watch mode) misses the cache instead of hiding
// behind it; and the directory is new for every run (global-setup.ts), so nothing outlives the run, except in CI,
// whose Node 22 pass reads the modules of its Node 20 pass (FILTERC_TEST_CACHE_SHARED, .ci/run).

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join, relative } from "node:path";
import { inject } from "vitest";
import { repoRoot } from "./paths.js";

/**
 * Folders whose files shape a compiled module: the compiler as the tests run it (its TypeScript sources, which
 * vitest loads, not dist/) and runtime/, which compiler/asc.ts mounts beside the generated code.
 * test/support/module-cache.test.ts checks that the compiler imports nothing of the repository outside them.
 */
export const COMPILER_INPUT_FOLDERS = ["compiler", "grammar", "runtime"] as const;

let fingerprint: string | undefined;

/** The fingerprint of this repository's compiler, computed once per test process (a few milliseconds). */
export function compilerFingerprint(): string {
  return (fingerprint ??= fingerprintOf(repoRoot));
}

/**
 * A hash of everything besides the program that decides the compiled bytes: every file in the compiler input
 * folders under `root` and the installed version of every runtime dependency (assemblyscript, binaryen,
 * chevrotain, …). Not the Node version: asc is JavaScript and Binaryen is wasm, and their output is the same on
 * every Node, which test/support/node-versions.e2e.test.ts checks on each CI run against modules that the other
 * Node version compiled (each entry records the Node that wrote it: `ModuleCache.writtenBy`).
 */
export function fingerprintOf(root: string): string {
  const hash = createHash("sha256");
  for (const folder of COMPILER_INPUT_FOLDERS) {
    for (const file of filesUnder(join(root, folder))) hash.update(field(relative(root, file))).update(field(readFileSync(file)));
  }
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies).sort()) {
    hash.update(field(name)).update(field(readFileSync(join(root, "node_modules", name, "package.json"))));
  }
  return hash.digest("hex");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Length-prefixed, so that no two different input lists hash the same bytes. */
function field(value: string | Uint8Array): Uint8Array {
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  const length = new Uint8Array(8);
  new DataView(length.buffer).setBigUint64(0, BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

/**
 * Compiled modules by a hash of their inputs and the compiler's fingerprint: in memory for this process and, when
 * `dir` is set, in files there for the run's other processes.
 */
export class ModuleCache {
  private readonly inProcess = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly dir: string | undefined,
    private readonly fingerprint: () => string,
  ) {}

  /**
   * The module `compile` produces from `inputs`, compiled at most once per process and, with a directory, once
   * per run and compiler version. `inputs` must name everything that shapes the module other than the compiler
   * (the source text, its file name, the compile options, which compile function). Failures are not cached. Each
   * caller gets its own copy of the bytes.
   */
  async get(inputs: readonly string[], compile: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const key = this.keyOf(inputs);
    let module = this.inProcess.get(key);
    if (module === undefined) {
      module = this.fromDiskOrCompile(key, compile);
      this.inProcess.set(key, module);
      module.catch(() => this.inProcess.delete(key));
    }
    return (await module).slice();
  }

  /**
   * The Node version (`process.version`) of the process that compiled the module of `inputs` into the directory,
   * or undefined when the directory holds none.
   */
  writtenBy(inputs: readonly string[]): string | undefined {
    if (this.dir === undefined || !this.ownDirectory()) return undefined;
    try {
      return readFileSync(join(this.dir, `${this.keyOf(inputs)}.node`), "utf8");
    } catch {
      return undefined;
    }
  }

  private keyOf(inputs: readonly string[]): string {
    const hash = createHash("sha256").update(field(this.fingerprint()));
    for (const input of inputs) hash.update(field(input));
    return hash.digest("hex");
  }

  private async fromDiskOrCompile(key: string, compile: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const file = this.dir === undefined ? undefined : join(this.dir, `${key}.wasm`);
    if (file !== undefined && this.ownDirectory()) {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        // Written by rename, so never torn; a file damaged some other way is compiled again and replaced.
        if (WebAssembly.validate(bytes)) return bytes;
      } catch {
        // not cached yet
      }
    }
    const bytes = await compile();
    if (file !== undefined) this.store(file, bytes);
    return bytes;
  }

  /** Whether the directory is absent or belongs to this user: a directory of someone else's is neither read nor written. */
  private ownDirectory(): boolean {
    try {
      return statSync(this.dir!).uid === userInfo().uid;
    } catch {
      return true;
    }
  }

  private store(file: string, bytes: Uint8Array): void {
    try {
      mkdirSync(this.dir!, { recursive: true, mode: 0o700 });
      if (!this.ownDirectory()) return;
      // The writer's Node version first, so that a module is never found without it.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, process.version);
      renameSync(temp, file.replace(/\.wasm$/, ".node"));
      writeFileSync(temp, bytes);
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written changes nothing but speed.
    }
  }
}

/**
 * The tests' cache: in memory per worker and, in the e2e project, on disk in the directory its globalSetup
 * (global-setup.ts) made for this run, shared by the run's workers and deleted at its end (or the directory
 * FILTERC_TEST_CACHE_SHARED names, shared by several runs and kept). FILTERC_TEST_CACHE=off keeps only the
 * in-process memo.
 */
const testCache = new ModuleCache(inject("moduleCacheDir"), compilerFingerprint);

/** A module from the tests' cache: see `ModuleCache.get`. */
export function cachedModule(inputs: readonly string[], compile: () => Promise<Uint8Array>): Promise<Uint8Array> {
  return testCache.get(inputs, compile);
}

/** Which Node compiled the tests' cached module of `inputs`: see `ModuleCache.writtenBy`. */
export function cachedModuleWrittenBy(inputs: readonly string[]): string | undefined {
  return testCache.writtenBy(inputs);
}
