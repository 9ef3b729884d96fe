// Compiles the host's AssemblyScript test filters (host/testdata) in-process. Compiled modules are cached in the
// OS temp directory by a hash of everything that shapes them, so only the first run pays for the compiler.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileAssemblyScript } from "../../compiler/asc.js";

const root = new URL("../../", import.meta.url);
const testdata = new URL("host/testdata/", root);
const cacheDir = join(tmpdir(), "filterc-host-testdata");
const inProcess = new Map<string, Promise<Uint8Array>>();

function read(name: string): string {
  return readFileSync(new URL(name, testdata), "utf8");
}

/** Compiles host/testdata/<name>.ts (with abi.ts beside it). */
export function compileFilter(name: string): Promise<Uint8Array> {
  return compileSource(read(`${name}.ts`));
}

/** Compiles an inline filter; it can import "./abi" like the files in host/testdata. */
export function compileSource(source: string): Promise<Uint8Array> {
  let compiled = inProcess.get(source);
  if (compiled === undefined) {
    compiled = compileCached(source);
    inProcess.set(source, compiled);
  }
  return compiled;
}

async function compileCached(source: string): Promise<Uint8Array> {
  const abi = read("abi.ts");
  const key = createHash("sha256")
    .update(abi)
    .update("\0")
    .update(source)
    .update("\0")
    .update(readFileSync(new URL("compiler/asc.ts", root)))
    .update(readFileSync(new URL("node_modules/assemblyscript/package.json", root)))
    .digest("hex");
  const file = join(cacheDir, `${key}.wasm`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    // not cached yet
  }
  const out = await compileAssemblyScript({
    files: { "abi.ts": abi, "filter.ts": source },
    entry: "filter.ts",
    optimize: "size",
    debug: true,
    mountRuntime: false,
  });
  if (out.binary === undefined) throw new Error(`AssemblyScript compile failed:\n${out.errors}`);
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, out.binary);
  renameSync(temp, file);
  return out.binary;
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** The message of the first log line starting with `prefix`. */
export function line(logs: ReadonlyArray<{ message: string }>, prefix: string): string | undefined {
  return logs.find((l) => l.message.startsWith(prefix))?.message;
}
