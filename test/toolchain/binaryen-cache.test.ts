import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/**
 * `filterc build` loads binaryen from a cache of its split glue and wasm (compiler/toolchain/binaryen-load.ts).
 * Whatever state the cache is in, the build's output is the same as with the cache off.
 */
describe("the binaryen cache", () => {
  const build = (cacheDir: string, out: string, env: Record<string, string> = {}) =>
    runCli(["build", "examples/canary.fw", "-o", out], { env: { FILTERC_CACHE_DIR: cacheDir, ...env } });
  const wasmOf = (out: string) => readFileSync(join(out, "filter.wasm"));

  it("is written by the first build and read by the next; a damaged one is dropped; the output never changes", () => {
    const cache = join(tempDir(), "cache");
    const work = tempDir();
    const plain = build(cache, join(work, "plain"), { FILTERC_CACHE: "off" });
    expect(plain.status).toBe(0);
    expect(() => readdirSync(cache)).toThrow(); // off: nothing written

    expect(build(cache, join(work, "first")).status).toBe(0);
    const files = readdirSync(cache).sort();
    expect(files).toEqual([expect.stringMatching(/^binaryen-.+\.js$/), expect.stringMatching(/^binaryen-.+\.wasm$/)]);
    const written = files.map((f) => statSync(join(cache, f)).mtimeMs);

    expect(build(cache, join(work, "second")).status).toBe(0);
    expect(files.map((f) => statSync(join(cache, f)).mtimeMs)).toEqual(written);

    // A wasm file that does not hold binaryen: the build falls back to importing binaryen and drops the cache,
    // so the next build splits the package again.
    writeFileSync(join(cache, files[1]!), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 99]));
    const damaged = build(cache, join(work, "damaged"));
    expect(damaged.status).toBe(0);
    expect(damaged.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(cache)).toEqual([]);

    for (const out of ["first", "second", "damaged"]) expect(wasmOf(join(work, out))).toEqual(wasmOf(join(work, "plain")));
  });

  it("is optional: a cache directory that cannot be written changes nothing but speed", () => {
    const work = tempDir();
    const notADirectory = join(work, "file");
    writeFileSync(notADirectory, "");
    mkdirSync(join(work, "out"));
    const result = build(join(notADirectory, "cache"), join(work, "out"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(wasmOf(join(work, "out")).length).toBeGreaterThan(0);
  });
});
