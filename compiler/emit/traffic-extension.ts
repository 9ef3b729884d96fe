import type { EmitInput, EmittedFile } from "./emit-input.js";
import { istioWasmFields, trafficMatch } from "./istio-wasm-fields.js";
import { kubernetesMetadata } from "./kubernetes-metadata.js";
import { yamlText } from "./yaml-text.js";

/**
 * trafficextension.yaml: Istio's TrafficExtension (extensions.istio.io/v1alpha1, served from Istio 1.30), which
 * supersedes WasmPlugin: the same attachment (selector or targetRefs), phase, priority and match at the top of
 * `spec`, the module's fields under `spec.wasm` (its other branch, `spec.lua`, is never set).
 */
export function emitTrafficExtension(input: EmitInput): EmittedFile {
  const fields = istioWasmFields(input, "TrafficExtension");
  const spec = {
    ...fields.attach,
    ...fields.placement,
    match: trafficMatch(input.settings),
    wasm: { ...fields.wasm, pluginConfig: input.pluginConfig },
  };
  const resource = { apiVersion: "extensions.istio.io/v1alpha1", kind: "TrafficExtension", metadata: kubernetesMetadata(input.settings), spec };
  return { name: "trafficextension.yaml", content: yamlText(fields.header, resource) };
}
