import type { BuildOutput } from "./build-output.js";
import { envoyPluginConfig } from "./resources.js";
import type { YamlObject } from "./yaml-files.js";

/** One plugin configuration a deployment file hands the filter, and where it is written. */
export interface PluginConfigAt {
  readonly object: YamlObject;
  readonly path: (string | number)[];
  /** The parsed configuration; undefined when it is not a JSON map. */
  readonly config: Record<string, unknown> | undefined;
  /** How the filter receives it, for messages. */
  readonly text: string;
}

/**
 * The WasmPlugin's `pluginConfig` (Istio marshals it to JSON), and the JSON string of the EnvoyFilter's and
 * envoy.yaml's `configuration` StringValue. An empty WasmPlugin map reaches the filter as no configuration at all.
 */
export function pluginConfigs(output: BuildOutput): PluginConfigAt[] {
  const found: PluginConfigAt[] = [];
  const plugin = output.wasmPlugin;
  if (plugin !== undefined) {
    const config = plugin.value.spec?.pluginConfig;
    found.push({ object: plugin, path: ["spec", "pluginConfig"], config: isMap(config) ? config : config === undefined ? {} : undefined, text: JSON.stringify(config ?? {}) });
  }
  for (const object of [output.envoyFilter, output.envoyBootstrap]) {
    if (object === undefined) continue;
    const at = envoyPluginConfig(object);
    if (at === undefined) continue;
    const value = at.config.configuration?.value;
    const text = typeof value === "string" ? value : "";
    let config: Record<string, unknown> | undefined;
    try {
      const parsed = text === "" ? {} : (JSON.parse(text) as unknown);
      config = isMap(parsed) ? parsed : undefined;
    } catch {
      config = undefined;
    }
    found.push({ object, path: [...at.path, "configuration", "value"], config, text });
  }
  return found;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
