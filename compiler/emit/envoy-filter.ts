import { legacyFailOpen } from "./failure-policy.js";
import { kubernetesMetadata } from "./kubernetes-metadata.js";
import { configurationJson } from "./plugin-configuration.js";
import type { EmitInput, EmittedFile } from "./emit-input.js";
import type { DeploymentSettings } from "./settings.js";
import { V8_RUNTIME, WASM_FILTER_NAME, wasmFilterTypedConfig } from "./wasm-filter.js";
import { generatedHeader, yamlText } from "./yaml-text.js";

const HTTP_CONNECTION_MANAGER = "envoy.filters.network.http_connection_manager";
const ROUTER = "envoy.filters.http.router";

/**
 * envoyfilter.yaml: an Istio EnvoyFilter that inserts the wasm filter just before the router of every HTTP
 * connection manager in the chosen traffic context. The module is read from `wasmPath`, which must already exist
 * inside the istio-proxy container (a mounted volume or a custom proxy image).
 */
export function emitEnvoyFilter(input: EmitInput): EmittedFile {
  const { settings } = input;
  const header = generatedHeader(input.module.sha256);
  if (settings.envoyFilterFormat === "legacy") {
    header.push("Legacy untyped form for Istio <= 1.7 meshes; use the typed form on anything newer.");
    if (settings.failurePolicy === "reload") header.push("failurePolicy reload has no legacy spelling: this filter fails closed.");
  }
  const resource = {
    apiVersion: "networking.istio.io/v1alpha3",
    kind: "EnvoyFilter",
    metadata: kubernetesMetadata(settings),
    spec: {
      ...(settings.selector !== undefined ? { workloadSelector: { labels: { ...settings.selector } } } : {}),
      configPatches: [
        {
          applyTo: "HTTP_FILTER",
          match: { context: settings.context, listener: listenerMatch(settings) },
          patch: { operation: "INSERT_BEFORE", value: patchValue(input) },
        },
      ],
    },
  };
  return { name: "envoyfilter.yaml", content: yamlText(header, resource) };
}

function listenerMatch(settings: DeploymentSettings): Record<string, unknown> {
  return {
    ...(settings.port !== undefined ? { portNumber: settings.port } : {}),
    filterChain: { filter: { name: HTTP_CONNECTION_MANAGER, subFilter: { name: ROUTER } } },
  };
}

function patchValue(input: EmitInput): Record<string, unknown> {
  const { settings, pluginConfig } = input;
  if (settings.envoyFilterFormat === "typed") {
    return { name: settings.name, typed_config: wasmFilterTypedConfig(settings, pluginConfig, settings.wasmPath, input.holdsHeaders) };
  }
  // The xDS v2 shape: an untyped Struct under `config`, camelCase keys, the configuration as a bare string.
  // Its filter name must be the extension name, since nothing else tells Envoy which filter this is.
  return {
    name: WASM_FILTER_NAME,
    config: {
      config: {
        name: settings.name,
        rootId: settings.rootId,
        configuration: configurationJson(pluginConfig),
        failOpen: legacyFailOpen(settings.failurePolicy),
        vmConfig: {
          vmId: settings.name,
          runtime: V8_RUNTIME,
          code: { local: { filename: settings.wasmPath } },
        },
      },
    },
  };
}
