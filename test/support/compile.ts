import { readFileSync } from "node:fs";
import { compileRules, type CompileOptions } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { renderDiagnostics } from "../../compiler/render.js";
import { loadHost, type HostOptions, type ProxyWasmHost } from "../../host/index.js";
import { cachedModule, cachedModuleWrittenBy } from "./module-cache.js";

export { repoRoot } from "./paths.js";

/**
 * Compiles rule text to wasm, failing the test with the rendered diagnostics if it does not compile. Many tests
 * compile the same programs (the examples, hello.fw), so modules come from the compiled-module cache
 * (module-cache.ts), which a change to the compiler invalidates.
 */
export function compileText(text: string, name = "test.fw", options: CompileOptions = {}): Promise<Uint8Array> {
  return cachedModule(compileTextInputs(text, name, options), async () => {
    const source = new Source(name, text);
    const result = await compileRules(source, options);
    if (result.wasm === undefined) throw new Error(`expected ${name} to compile:\n${renderDiagnostics(source, result.diagnostics)}`);
    return result.wasm;
  });
}

/** Which Node compiled `compileText`'s cached module of the same arguments (module-cache.ts). */
export function compiledTextWrittenBy(text: string, name = "test.fw", options: CompileOptions = {}): string | undefined {
  return cachedModuleWrittenBy(compileTextInputs(text, name, options));
}

function compileTextInputs(text: string, name: string, options: CompileOptions): string[] {
  return ["compileRules", name, text, sortedJson(options)];
}

/** Options as a cache key: the same options written in another order are the same key. */
function sortedJson(options: CompileOptions): string {
  return JSON.stringify(Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b))));
}

export function readExample(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8");
}

/** Compiles rule text and loads it into a fresh host. */
export async function hostFor(text: string, options: HostOptions = {}, compile: CompileOptions = {}): Promise<ProxyWasmHost> {
  return loadHost(await compileText(text, "test.fw", compile), options);
}

/** The value of a header in a header list, or undefined. */
export function header(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k === name)?.[1];
}

export function headerValues(headers: Array<[string, string]>, name: string): string[] {
  return headers.filter(([k]) => k === name).map(([, v]) => v);
}

export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
