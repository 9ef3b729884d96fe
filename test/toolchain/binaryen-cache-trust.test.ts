import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/**
 * The binaryen cache holds JavaScript that filterc runs (compiler/toolchain/binaryen-load.ts): it must never run
 * a glue file it did not derive from the installed package, nor use a directory someone else can write.
 */
describe("the binaryen cache is trusted only when private and exact", () => {
  const build = (env: Record<string, string>, out: string) => runCli(["build", "examples/canary.fw", "-o", out], { env });

  it("does not run a tampered glue file: the build succeeds and the glue is written again", () => {
    const cache = join(tempDir(), "cache");
    const work = tempDir();
    expect(build({ FILTERC_CACHE_DIR: cache }, join(work, "first")).status).toBe(0);
    const glue = readdirSync(cache).find((f) => f.endsWith(".js"))!;
    const marker = join(work, "marker");
    writeFileSync(join(cache, glue), `(async function (__import) { (await __import("node:fs")).writeFileSync(${JSON.stringify(marker)}, "ran"); })`);

    const second = build({ FILTERC_CACHE_DIR: cache }, join(work, "second"));
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(join(cache, glue), "utf8")).not.toContain("marker");
    expect(readFileSync(join(work, "second", "filter.wasm"))).toEqual(readFileSync(join(work, "first", "filter.wasm")));
  }, 120_000);

  it("refuses a group- or world-writable cache directory: nothing is read from or written to it", () => {
    const cache = join(tempDir(), "shared");
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    const work = tempDir();
    const run = build({ FILTERC_CACHE_DIR: cache }, join(work, "out"));
    expect(run.status).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  }, 120_000);

  it("lives in $XDG_CACHE_HOME/filterc by default, created with mode 0700", () => {
    const xdg = tempDir();
    const run = build({ FILTERC_CACHE_DIR: "", XDG_CACHE_HOME: xdg }, join(tempDir(), "out"));
    expect(run.status).toBe(0);
    const dir = join(xdg, "filterc");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^binaryen-.+\.js$/), expect.stringMatching(/^binaryen-.+\.wasm$/)]);
  }, 120_000);
});
