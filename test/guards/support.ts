import { readFileSync } from "node:fs";
import { compileExample, exampleInput } from "../../bench/compile-example.js";
import { readExamples, type Example } from "../../bench/examples.js";
import { PLUGIN_CONFIG } from "../../bench/scenarios.js";
import { loadHost, type ProxyWasmHost } from "../../host/index.js";
import { cachedModule } from "../support/module-cache.js";

export const examples: readonly Example[] = readExamples();

/** compileExample's own code (its compile options) is part of the cache key; the compiler's is in every key. */
const compileExampleSource = readFileSync(new URL("../../bench/compile-example.ts", import.meta.url), "utf8");

/**
 * Each example as `filterc build` compiles it, from the compiled-module cache (shared by the guard files). The key
 * holds the text of every file the example imports too (api/gateway.fw's ../shared/baseline.fw).
 */
export function wasmOf(example: Example): Promise<Uint8Array> {
  return cachedModule(["compileExample", compileExampleSource, example.file, exampleInput(example).source.text], () => compileExample(example));
}

/** A host configured as the benchmark configures it (tracing off, plugin configuration `{}`). */
export async function benchHost(example: Example): Promise<ProxyWasmHost> {
  return loadHost(await wasmOf(example), { trace: false, pluginConfig: PLUGIN_CONFIG });
}
