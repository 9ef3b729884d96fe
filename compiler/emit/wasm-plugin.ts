import type { EmitInput, EmittedFile } from "./emit-input.js";
import { wasmPluginFailStrategy } from "./failure-policy.js";
import { kubernetesMetadata } from "./kubernetes-metadata.js";
import { defaultUrl, type DeploymentSettings, type TrafficContext } from "./settings.js";
import { completeTargetRef } from "./target-ref.js";
import { has, ISTIO_SINCE, versionsOf } from "./versions.js";
import { generatedHeader, yamlText } from "./yaml-text.js";

/**
 * The WasmPlugin traffic mode that matches the EnvoyFilter context. Istio classifies gateway listeners as
 * client-side (pilot/pkg/model wasm workloadModeForListenerClass), so GATEWAY is CLIENT, not SERVER.
 */
const MODE_OF_CONTEXT: Record<TrafficContext, string> = {
  SIDECAR_INBOUND: "SERVER",
  SIDECAR_OUTBOUND: "CLIENT",
  GATEWAY: "CLIENT",
};

/**
 * wasmplugin.yaml: an Istio WasmPlugin. Istio builds the Envoy filter itself, so this carries only what differs
 * per plugin; `pluginConfig` is the parameters' defaults, which Istio marshals to JSON in a StringValue.
 */
export function emitWasmPlugin(input: EmitInput): EmittedFile {
  const { settings } = input;
  const sha256 = input.module.sha256;
  const url = settings.url ?? defaultUrl(settings.wasmPath);
  const header = generatedHeader(sha256);
  const digestApplies = !isOciUrl(url);
  if (!digestApplies) {
    header.push("sha256 left out: for an OCI url Istio compares it with the image manifest digest, not the module's.");
  }
  const useTargetRefs = settings.targetRefs !== undefined && settings.targetRefs.length > 0;
  if (useTargetRefs && settings.selector !== undefined) {
    header.push("selector is used by envoyfilter.yaml only: a WasmPlugin takes targetRefs or selector, not both.");
  }
  // Fields the target Istio lacks are left out: its API server rejects unknown fields (istio/istio#49901).
  // compiler/emit/version-fit.ts refuses a failure policy that could not be expressed without them.
  const istio = versionsOf(settings).istio;
  const spec: Record<string, unknown> = {
    ...(useTargetRefs
      ? { targetRefs: settings.targetRefs!.map(completeTargetRef) }
      : settings.selector !== undefined
        ? { selector: { matchLabels: { ...settings.selector } } }
        : {}),
    url,
    ...(digestApplies ? { sha256 } : {}),
    pluginName: settings.rootId,
    ...(settings.phase !== undefined ? { phase: settings.phase } : {}),
    ...(settings.priority !== undefined ? { priority: settings.priority } : {}),
    ...(has(istio, ISTIO_SINCE.wasmPluginFailStrategy) ? { failStrategy: wasmPluginFailStrategy(settings.failurePolicy) } : {}),
    ...(has(istio, ISTIO_SINCE.wasmPluginType) ? { type: "HTTP" } : {}),
    ...(has(istio, ISTIO_SINCE.wasmPluginMatch) ? { match: [trafficSelector(settings)] } : {}),
    pluginConfig: input.pluginConfig,
  };
  const resource = {
    apiVersion: "extensions.istio.io/v1alpha1",
    kind: "WasmPlugin",
    metadata: kubernetesMetadata(settings),
    spec,
  };
  return { name: "wasmplugin.yaml", content: yamlText(header, resource) };
}

/**
 * Always written, even without a port: with no match a WasmPlugin runs on inbound and outbound traffic alike,
 * while the EnvoyFilter runs in one context only, and the two outputs should deploy the same filter.
 */
function trafficSelector(settings: DeploymentSettings): Record<string, unknown> {
  return {
    mode: MODE_OF_CONTEXT[settings.context],
    ...(settings.port !== undefined ? { ports: [{ number: settings.port }] } : {}),
  };
}

/** Istio reads a url without a scheme as an OCI image reference. */
function isOciUrl(url: string): boolean {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === "oci";
}
