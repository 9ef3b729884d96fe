import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// A unit test itself, so it runs under test/support/unit-guard.ts: it fails if the unit project stops loading it.
describe("the unit test set's guard", () => {
  it("refuses to compile or run wasm, pointing at the end-to-end set", () => {
    const emptyModule = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(() => WebAssembly.compile(emptyModule)).toThrow(/a unit test may not compile or run wasm.*\.e2e\.test\.ts/);
    expect(() => WebAssembly.instantiate(emptyModule)).toThrow(/a unit test may not/);
    expect(() => new WebAssembly.Module(emptyModule)).toThrow(/a unit test may not/);
    expect(WebAssembly.validate(emptyModule)).toBe(true);
  });

  it("refuses to start a process, the CLI included", () => {
    expect(() => spawnSync(process.execPath, ["--version"])).toThrow(/a unit test may not start a process/);
  });
});
