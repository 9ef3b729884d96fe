import { describe, expect, it } from "vitest";
import { AscCrash, compileAssemblyScript } from "../../compiler/asc.js";

/**
 * asc answers an exception inside its compiler with console.error and process.exit(1). Inside filterc that must
 * become an error filterc reports as its own bug (exit 2), never an exit 1 that blames the rule file.
 */
describe("an AssemblyScript compiler crash", () => {
  it("is thrown as AscCrash with asc's report, and the process lives on", async () => {
    // asc compiles binary expressions recursively: a 20,000-term sum overflows its stack in compileBinaryExpression.
    const exitBefore = process.exit;
    const sum = Array.from({ length: 20_000 }, () => "x").join(" + ");
    const source = `export function f(x: i32): i32 { return ${sum}; }\n`;
    const failure = await compileAssemblyScript({ files: { "crash.ts": source }, entry: "crash.ts", optimize: "size", mountRuntime: false }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AscCrash);
    expect((failure as AscCrash).detail).toMatch(/Maximum call stack size exceeded/);
    expect(process.exit).toBe(exitBefore);
    // Still compiles afterwards: the crash guard is gone and asc is usable.
    const ok = await compileAssemblyScript({ files: { "ok.ts": "export function g(): i32 { return 1; }\n" }, entry: "ok.ts", optimize: "size", mountRuntime: false });
    expect(ok.binary).toBeInstanceOf(Uint8Array);
  }, 120_000);
});
