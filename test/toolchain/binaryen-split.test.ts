import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { splitBinaryen } from "../../compiler/toolchain/binaryen-split.js";

const require = createRequire(import.meta.url);
const binaryenText = (): string => readFileSync(require.resolve("binaryen"), "utf8");

describe("splitting binaryen's module into glue and wasm", () => {
  it("recognises the binaryen this package pins: the fast load path is in use", () => {
    const split = splitBinaryen(binaryenText());
    expect(split).toBeDefined();
    expect([...split!.wasm.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    // The glue is a few hundred KB; the literal (13 MB of text) is gone from it.
    expect(split!.glue.length).toBeLessThan(1_000_000);
    expect(split!.glue).toMatch(/^\(async function \(__import, __url, __wasm\) \{/);
    expect(split!.glue).not.toMatch(/import\.meta|export\{/);
  });

  it("gives up on shapes it does not know, so binaryen is imported as usual", () => {
    const wasm = "`\\0asm\\x01\\0\\0\\0`";
    const tail = "var a=await f(),b=a;export{b as default};";
    const module = (body: string) => `async function f(){var w=d(${body});return {}}${tail}`;
    // A minimal valid wasm module, then what breaks it.
    expect(splitBinaryen(module(wasm))).toBeDefined();
    expect(splitBinaryen("export default 1;")).toBeUndefined();
    expect(splitBinaryen(module(wasm).replace(tail, "export default await f();"))).toBeUndefined();
    expect(splitBinaryen(module("`\\0asm${x}`"))).toBeUndefined();
    expect(splitBinaryen(module("`\\0asm\\x02\\0\\0\\0`"))).toBeUndefined(); // not a valid wasm version
    expect(splitBinaryen(module(`${wasm}, ${wasm}`))).toBeUndefined(); // two binaries
    // What a classic script cannot hold and the split does not rewrite.
    expect(splitBinaryen(module(wasm).replace("return {}", "return import.meta.resolve('x')"))).toBeUndefined();
    expect(splitBinaryen(module(wasm).replace("return {}", "return import('x')"))).toBeUndefined();
  });
});
