// Compiles the host's AssemblyScript test filters (host/testdata) in-process, through the compiled-module cache
// (test/support/module-cache.ts), so only the first run after a change pays for the compiler.

import { readFileSync } from "node:fs";
import { compileAssemblyScript } from "../../compiler/asc.js";
import { cachedModule } from "../support/module-cache.js";

const testdata = new URL("../../host/testdata/", import.meta.url);

function read(name: string): string {
  return readFileSync(new URL(name, testdata), "utf8");
}

/** Compiles host/testdata/<name>.ts (with abi.ts beside it). */
export function compileFilter(name: string): Promise<Uint8Array> {
  return compileSource(read(`${name}.ts`));
}

/** Compiles an inline filter; it can import "./abi" like the files in host/testdata. */
export function compileSource(source: string): Promise<Uint8Array> {
  const abi = read("abi.ts");
  const options = { entry: "filter.ts", optimize: "size", debug: true, mountRuntime: false } as const;
  return cachedModule(["compileAssemblyScript", JSON.stringify(options), abi, source], async () => {
    const out = await compileAssemblyScript({ files: { "abi.ts": abi, "filter.ts": source }, ...options });
    if (out.binary === undefined) throw new Error(`AssemblyScript compile failed:\n${out.errors}`);
    return out.binary;
  });
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** The message of the first log line starting with `prefix`. */
export function line(logs: ReadonlyArray<{ message: string }>, prefix: string): string | undefined {
  return logs.find((l) => l.message.startsWith(prefix))?.message;
}
