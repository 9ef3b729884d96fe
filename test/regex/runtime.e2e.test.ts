import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRegex, decodeLayout, matchTable } from "../../compiler/regex/index.js";
import { MATCH_CASES } from "./cases.js";
import { bytesOf, random, tableOf } from "./support.js";

/**
 * runtime/regex.ts (AssemblyScript) must agree with the reference interpreter on every table. It is compiled
 * in-process with the flags production filters use, once for the whole file: the case tables are embedded with
 * `memory.data<u8>([...])` as the lowering does; randomly generated tables are copied into memory at run time.
 */
const runtimeSource = readFileSync(fileURLToPath(new URL("../../runtime/regex.ts", import.meta.url)), "utf8");

async function compileAssemblyScript(files: Record<string, string>, entry: string): Promise<{ binary: Uint8Array; text: string }> {
  const outputs: Record<string, Uint8Array | string> = {};
  let errors = "";
  const result = await asc.main(
    [entry, "--outFile", "out.wasm", "--textFile", "out.wat", "--runtime", "stub", "--use", "abort=", "-O3", "--noAssert"],
    {
      readFile: (name) => files[name.replace(/^\.\//, "")] ?? null,
      writeFile: (name, contents) => {
        outputs[name.replace(/^\.\//, "")] = contents;
      },
      listFiles: () => [],
      stdout: asc.createMemoryStream(),
      stderr: asc.createMemoryStream((chunk) => {
        errors += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      }),
    },
  );
  const binary = outputs["out.wasm"];
  if (result.error !== null || !(binary instanceof Uint8Array)) throw new Error(`asc failed: ${errors || String(result.error)}`);
  return { binary, text: String(outputs["out.wat"]) };
}

/** Patterns whose tables cover every layout: 1/2/4/8-bit byte maps, u8 and u16 state ids. */
const FORMAT_PATTERNS = ["a", "a[bc]d", "^/v\\d+[.]json$", "abcdefghijklmnopq", "^a{300}$", "(?i)^[a-f0-9]{8}-[a-f0-9]{4}$"];
const patterns = [...new Set([...MATCH_CASES.map((c) => c.pattern), ...FORMAT_PATTERNS])];
const tables = patterns.map((pattern) => tableOf(pattern));

interface Runtime {
  memory: WebAssembly.Memory;
  tableAddress(index: number): number;
  run(table: number, input: number, length: number): number;
}

let runtime: Runtime;
let text: string;
let imports: WebAssembly.ModuleImportDescriptor[];
/** Scratch memory for copied tables and inputs, past everything the module uses. */
let scratch: number;

beforeAll(async () => {
  const wrapper = [
    `import { regexMatch } from "./regex";`,
    `export function tableAddress(index: i32): usize {`,
    `  switch (index) {`,
    ...tables.map((table, i) => `    case ${i}: return memory.data<u8>([${table.join(",")}]);`),
    `  }`,
    `  return 0;`,
    `}`,
    `export function run(table: usize, input: usize, length: i32): i32 {`,
    `  return regexMatch(table, input, length) ? 1 : 0;`,
    `}`,
  ].join("\n");
  const compiled = await compileAssemblyScript({ "wrapper.ts": wrapper, "regex.ts": runtimeSource }, "wrapper.ts");
  text = compiled.text;
  const module = await WebAssembly.compile(compiled.binary);
  imports = WebAssembly.Module.imports(module);
  const instance = await WebAssembly.instantiate(module, {});
  runtime = instance.exports as unknown as Runtime;
  scratch = runtime.memory.buffer.byteLength;
  runtime.memory.grow(4);
});

/** Runs the wasm interpreter on a table already in memory, copying the input to scratch memory. */
function runWasm(tableAddress: number, input: Uint8Array): boolean {
  const inputAddress = scratch + 65536;
  new Uint8Array(runtime.memory.buffer).set(input, inputAddress);
  return runtime.run(tableAddress, inputAddress, input.length) === 1;
}

function runWasmCopied(table: Uint8Array, input: Uint8Array): boolean {
  new Uint8Array(runtime.memory.buffer).set(table, scratch);
  return runWasm(scratch, input);
}

describe("runtime/regex.ts", () => {
  it("needs no imports and has no abort or trap paths", () => {
    expect(imports).toEqual([]);
    expect(text).not.toContain("unreachable");
  });

  it("covers every table layout", () => {
    const layouts = tables.map((table) => decodeLayout(table));
    expect(new Set(layouts.map((l) => l.mapLog))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(layouts.map((l) => l.wide))).toEqual(new Set([false, true]));
  });

  it("agrees with the expected result of every case, on static tables", () => {
    for (const c of MATCH_CASES) {
      const address = runtime.tableAddress(patterns.indexOf(c.pattern));
      expect(runWasm(address, bytesOf(c.input)), `${c.pattern} on ${JSON.stringify(c.input)}`).toBe(c.expected);
    }
  });

  it("agrees with matchTable on the wide and packed layouts", () => {
    for (const pattern of FORMAT_PATTERNS) {
      const table = tables[patterns.indexOf(pattern)]!;
      const address = runtime.tableAddress(patterns.indexOf(pattern));
      for (const input of ["", "a", "abcd", "/v42.json", "a".repeat(300), "a".repeat(301), "abcdefghijklmnopq", "DEADbeef-0a1B", "x\u00e9y"]) {
        expect(runWasm(address, bytesOf(input)), `${pattern} on ${input}`).toBe(matchTable(table, bytesOf(input)));
      }
    }
  });

  it("agrees with matchTable on random patterns and random byte inputs", () => {
    const next = random(99);
    const atoms = ["a", "b", "[ab]", "[^a]", ".", "\\xff", "\\d", "é", "(a|bc)", "\\n"];
    let compared = 0;
    for (let p = 0; p < 150; p++) {
      let pattern = next() < 0.3 ? "^" : "";
      const length = 1 + Math.floor(next() * 5);
      for (let j = 0; j < length; j++) pattern += atoms[Math.floor(next() * atoms.length)]! + ["", "", "*", "+", "?", "{2}"][Math.floor(next() * 6)]!;
      if (next() < 0.3) pattern += "$";
      const result = compileRegex(pattern);
      if (!result.ok) throw new Error(`${pattern}: ${JSON.stringify(result.errors)}`);
      for (let i = 0; i < 30; i++) {
        const input = Uint8Array.from({ length: Math.floor(next() * 12) }, () => [0x61, 0x62, 0x31, 0x0a, 0xff, 0xc3, 0xa9][Math.floor(next() * 7)]!);
        expect(runWasmCopied(result.table, input), `${pattern} on ${input.join(",")}`).toBe(matchTable(result.table, input));
        compared++;
      }
    }
    expect(compared).toBe(150 * 30);
  });
});
