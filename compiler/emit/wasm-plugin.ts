import type { EmitInput, EmittedFile } from "./emit-input.js";
import { istioWasmFields, trafficMatch } from "./istio-wasm-fields.js";
import { kubernetesMetadata } from "./kubernetes-metadata.js";
import { has, ISTIO_SINCE, versionsOf } from "./versions.js";
import { yamlText } from "./yaml-text.js";

/**
 * wasmplugin.yaml: an Istio WasmPlugin. Istio builds the Envoy filter itself, so this carries only what differs
 * per plugin; `pluginConfig` is the parameters' defaults, which Istio marshals to JSON in a StringValue.
 */
export function emitWasmPlugin(input: EmitInput): EmittedFile {
  const fields = istioWasmFields(input, "WasmPlugin");
  const { url, sha256, pluginName, failStrategy, type } = fields.wasm;
  const spec: Record<string, unknown> = {
    ...fields.attach,
    url,
    ...(sha256 !== undefined ? { sha256 } : {}),
    pluginName,
    ...fields.placement,
    ...(failStrategy !== undefined ? { failStrategy } : {}),
    ...(type !== undefined ? { type } : {}),
    // Left out for an Istio before it, like the fields istioWasmFields leaves out: its API server rejects them.
    ...(has(versionsOf(input.settings).istio, ISTIO_SINCE.wasmPluginMatch) ? { match: trafficMatch(input.settings) } : {}),
    pluginConfig: input.pluginConfig,
  };
  const resource = { apiVersion: "extensions.istio.io/v1alpha1", kind: "WasmPlugin", metadata: kubernetesMetadata(input.settings), spec };
  return { name: "wasmplugin.yaml", content: yamlText(fields.header, resource) };
}
