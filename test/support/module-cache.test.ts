import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli.js";
import { COMPILER_INPUT_FOLDERS, fingerprintOf, ModuleCache } from "./module-cache.js";
import { repoRoot } from "./paths.js";

/** The smallest valid module, and another: WebAssembly.validate accepts both. */
const EMPTY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const MODULE_WITH_TYPE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0]);

/** A compile function that counts its calls. */
function counting(bytes: Uint8Array) {
  const compile = async () => {
    compile.calls++;
    return bytes;
  };
  compile.calls = 0;
  return compile;
}

describe("the compiled-module cache", () => {
  it("compiles each input list once per process, and again for other inputs", async () => {
    const cache = new ModuleCache(undefined, () => "compiler-1");
    const compile = counting(EMPTY_MODULE);
    expect(await cache.get(["a.fw", "text"], compile)).toEqual(EMPTY_MODULE);
    expect(await cache.get(["a.fw", "text"], compile)).toEqual(EMPTY_MODULE);
    expect(compile.calls).toBe(1);
    await cache.get(["a.fw", "other text"], compile);
    // Length-prefixed inputs: moving a boundary between two inputs is another key.
    await cache.get(["a.fwt", "ext"], compile);
    expect(compile.calls).toBe(3);
  });

  it("reads another process's module from disk, unless the compiler changed", async () => {
    const dir = join(tempDir(), "cache");
    await new ModuleCache(dir, () => "compiler-1").get(["p"], counting(EMPTY_MODULE));
    const sameCompiler = counting(MODULE_WITH_TYPE);
    expect(await new ModuleCache(dir, () => "compiler-1").get(["p"], sameCompiler)).toEqual(EMPTY_MODULE);
    expect(sameCompiler.calls).toBe(0);
    const changedCompiler = counting(MODULE_WITH_TYPE);
    expect(await new ModuleCache(dir, () => "compiler-2").get(["p"], changedCompiler)).toEqual(MODULE_WITH_TYPE);
    expect(changedCompiler.calls).toBe(1);
  });

  it("compiles again over a damaged file, and never caches a failure", async () => {
    const dir = join(tempDir(), "cache");
    await new ModuleCache(dir, () => "c").get(["p"], counting(EMPTY_MODULE));
    const file = readdirSync(dir).find((name) => name.endsWith(".wasm"));
    writeFileSync(join(dir, file!), "not wasm");
    const recompile = counting(EMPTY_MODULE);
    expect(await new ModuleCache(dir, () => "c").get(["p"], recompile)).toEqual(EMPTY_MODULE);
    expect(recompile.calls).toBe(1);

    const cache = new ModuleCache(dir, () => "c");
    await expect(cache.get(["q"], () => Promise.reject(new Error("does not compile")))).rejects.toThrow("does not compile");
    expect(await cache.get(["q"], async () => MODULE_WITH_TYPE)).toEqual(MODULE_WITH_TYPE);
  });

  it("gives each caller its own bytes", async () => {
    const cache = new ModuleCache(undefined, () => "c");
    const first = await cache.get(["p"], async () => EMPTY_MODULE.slice());
    first[0] = 99;
    expect(await cache.get(["p"], counting(MODULE_WITH_TYPE))).toEqual(EMPTY_MODULE);
  });

  it("records which Node version wrote each module in the directory", async () => {
    const dir = join(tempDir(), "cache");
    const cache = new ModuleCache(dir, () => "c");
    expect(cache.writtenBy(["p"])).toBeUndefined();
    await cache.get(["p"], counting(EMPTY_MODULE));
    expect(cache.writtenBy(["p"])).toBe(process.version);
    expect(new ModuleCache(dir, () => "c").writtenBy(["p"])).toBe(process.version);
    expect(cache.writtenBy(["q"])).toBeUndefined();
    expect(new ModuleCache(undefined, () => "c").writtenBy(["p"])).toBeUndefined();
  });

  it("works without a writable directory", async () => {
    const notADirectory = join(tempDir(), "file");
    writeFileSync(notADirectory, "");
    expect(await new ModuleCache(join(notADirectory, "cache"), () => "c").get(["p"], counting(EMPTY_MODULE))).toEqual(EMPTY_MODULE);
  });
});

describe("the compiler fingerprint", () => {
  /** A repository with one file in each compiler input folder and one dependency. */
  function fakeRepository(): string {
    const root = tempDir();
    for (const folder of COMPILER_INPUT_FOLDERS) {
      mkdirSync(join(root, folder, "sub"), { recursive: true });
      writeFileSync(join(root, folder, "sub", "a.ts"), `// ${folder}\n`);
    }
    writeFileSync(join(root, "package.json"), JSON.stringify({ dependencies: { binaryen: "1" } }));
    mkdirSync(join(root, "node_modules", "binaryen"), { recursive: true });
    writeFileSync(join(root, "node_modules", "binaryen", "package.json"), JSON.stringify({ version: "1.0.0" }));
    return root;
  }

  it("changes with any file of the compiler, the runtime or the grammar, and with a dependency's version", () => {
    const root = fakeRepository();
    const seen = new Set([fingerprintOf(root)]);
    expect(fingerprintOf(root)).toBe([...seen][0]);
    const edits = [
      ...COMPILER_INPUT_FOLDERS.map((folder) => () => writeFileSync(join(root, folder, "sub", "a.ts"), `// ${folder} edited\n`)),
      () => writeFileSync(join(root, "compiler", "new.ts"), ""),
      () => writeFileSync(join(root, "node_modules", "binaryen", "package.json"), JSON.stringify({ version: "1.0.1" })),
    ];
    for (const edit of edits) {
      edit();
      seen.add(fingerprintOf(root));
    }
    expect(seen.size).toBe(edits.length + 1);
  });

  it("covers everything the compiler imports from the repository", () => {
    const closure = importClosure([join(repoRoot, "compiler/build.ts")]).map((file) => relative(repoRoot, file));
    expect(closure).toEqual(expect.arrayContaining(["compiler/asc.ts", "compiler/lower/index.ts", "grammar/parser.ts"]));
    expect(closure.filter((file) => !COMPILER_INPUT_FOLDERS.some((folder) => file.startsWith(`${folder}/`)))).toEqual([]);
  });

  it("is the same for a copy of the repository's compiler", () => {
    const copy = tempDir();
    for (const folder of COMPILER_INPUT_FOLDERS) cpSync(join(repoRoot, folder), join(copy, folder), { recursive: true });
    cpSync(join(repoRoot, "package.json"), join(copy, "package.json"));
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies)) {
      mkdirSync(join(copy, "node_modules", name), { recursive: true });
      cpSync(join(repoRoot, "node_modules", name, "package.json"), join(copy, "node_modules", name, "package.json"));
    }
    expect(fingerprintOf(copy)).toBe(fingerprintOf(repoRoot));
  });
});

/** Imports of a computed path that load a dependency's own files, which the fingerprint covers by its version. */
const DEPENDENCY_LOADERS = new Set([
  "compiler/toolchain/binaryen-load.ts", // binaryen's glue and the modules it imports
  "grammar/chevrotain.ts", // chevrotain's bundle
]);

/**
 * The repository files reachable from `entries` by relative imports (static and dynamic). Any other dynamic import
 * of a computed path cannot be followed, so it fails the walk rather than being missed.
 */
function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    if (/\bimport\(\s*[^"'\s]/.test(text) && !DEPENDENCY_LOADERS.has(relative(repoRoot, file))) throw new Error(`${file} imports a computed path`);
    // NodeNext: every relative import names a .js (or .json) file; generated AssemblyScript in strings names none.
    for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport\(?)\s*["'](\.{1,2}\/[^"']+\.json|\.{1,2}\/[^"']+\.js)["']/g)) {
      const target = resolve(dirname(file), specifier!);
      pending.push([target.replace(/\.js$/, ".ts"), target.replace(/\.js$/, ".d.ts"), target].find(existsSync) ?? target);
    }
  }
  return [...seen];
}
