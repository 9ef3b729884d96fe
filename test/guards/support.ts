import { compileExample } from "../../bench/compile-example.js";
import { readExamples, type Example } from "../../bench/examples.js";
import { PLUGIN_CONFIG } from "../../bench/scenarios.js";
import { loadHost, type ProxyWasmHost } from "../../host/index.js";

export const examples: readonly Example[] = readExamples();

const builds = new Map<string, Promise<Uint8Array>>();

/** Each example compiled once per test file, as `filterc build` compiles it. */
export function wasmOf(example: Example): Promise<Uint8Array> {
  let build = builds.get(example.name);
  if (build === undefined) builds.set(example.name, (build = compileExample(example)));
  return build;
}

/** A host configured as the benchmark configures it (tracing off, plugin configuration `{}`). */
export async function benchHost(example: Example): Promise<ProxyWasmHost> {
  return loadHost(await wasmOf(example), { trace: false, pluginConfig: PLUGIN_CONFIG });
}
