import type { EmitInput } from "./emit-input.js";
import { wasmPluginFailStrategy } from "./failure-policy.js";
import { defaultUrl, type DeploymentSettings, type TrafficContext } from "./settings.js";
import { isOciUrl } from "./oci-url.js";
import { completeTargetRef } from "./target-ref.js";
import { has, ISTIO_SINCE, versionsOf } from "./versions.js";
import { generatedHeader } from "./yaml-text.js";

/**
 * The traffic mode that matches the EnvoyFilter context. Istio classifies gateway listeners as client-side
 * (pilot/pkg/model wasm workloadModeForListenerClass), so GATEWAY is CLIENT, not SERVER.
 */
const MODE_OF_CONTEXT: Record<TrafficContext, string> = {
  SIDECAR_INBOUND: "SERVER",
  SIDECAR_OUTBOUND: "CLIENT",
  GATEWAY: "CLIENT",
};

/**
 * What Istio's WasmPlugin and TrafficExtension share: where they attach (selector or targetRefs, never both), their
 * place in the chain and traffic match, and the wasm fields (url, sha256, pluginName, failStrategy, type,
 * pluginConfig). The WasmPlugin keeps them all in `spec`; the TrafficExtension moves the wasm fields under `spec.wasm`.
 */
export interface IstioWasmFields {
  readonly header: string[];
  readonly attach: Record<string, unknown>;
  readonly placement: Record<string, unknown>;
  readonly wasm: Record<string, unknown>;
}

export function istioWasmFields(input: EmitInput, kind: string): IstioWasmFields {
  const { settings } = input;
  const header = generatedHeader(input.module.sha256);
  let url = settings.url ?? defaultUrl(settings.wasmPath);
  let sha256: string | undefined = input.module.sha256;
  if (input.image !== undefined) {
    // Istio compares an OCI url's sha256 with the image manifest digest (pkg/wasm/imagefetcher.go Fetch,
    // `img.Digest()`), not with the module's: filterc package computed that digest.
    url = `oci://${input.image.reference}`;
    sha256 = input.image.manifestDigestHex;
    header.push(`image manifest digest: sha256:${sha256}`);
  } else if (isOciUrl(url)) {
    sha256 = undefined;
    header.push("sha256 left out: for an OCI url Istio compares it with the image manifest digest, not the module's (filterc package --image writes it).");
  }
  const useTargetRefs = settings.targetRefs !== undefined && settings.targetRefs.length > 0;
  if (useTargetRefs && settings.selector !== undefined) {
    header.push(`selector is used by envoyfilter.yaml only: a ${kind} takes targetRefs or selector, not both.`);
  }
  const attach = useTargetRefs
    ? { targetRefs: settings.targetRefs!.map(completeTargetRef) }
    : settings.selector !== undefined
      ? { selector: { matchLabels: { ...settings.selector } } }
      : {};
  const placement = {
    ...(settings.phase !== undefined ? { phase: settings.phase } : {}),
    ...(settings.priority !== undefined ? { priority: settings.priority } : {}),
  };
  // Fields the target Istio lacks are left out: its API server rejects unknown fields (istio/istio#49901).
  // compiler/emit/version-fit.ts refuses a failure policy that could not be expressed without them.
  const istio = versionsOf(settings).istio;
  const wasm = {
    url,
    ...(sha256 !== undefined ? { sha256 } : {}),
    pluginName: settings.rootId,
    ...(has(istio, ISTIO_SINCE.wasmPluginFailStrategy) ? { failStrategy: wasmPluginFailStrategy(settings.failurePolicy) } : {}),
    ...(has(istio, ISTIO_SINCE.wasmPluginType) ? { type: "HTTP" } : {}),
  };
  return { header, attach, placement, wasm };
}

/**
 * Always written, even without a port: with no match the plugin runs on inbound and outbound traffic alike, while
 * the EnvoyFilter runs in one context only, and the outputs should deploy the same filter.
 */
export function trafficMatch(settings: DeploymentSettings): Record<string, unknown>[] {
  return [{ mode: MODE_OF_CONTEXT[settings.context], ...(settings.port !== undefined ? { ports: [{ number: settings.port }] } : {}) }];
}
