import type { EmitInput, EmittedFile } from "./emit-input.js";
import { kubernetesMetadata } from "./kubernetes-metadata.js";
import type { DeploymentSettings, TargetRef } from "./settings.js";
import { generatedHeader, yamlText } from "./yaml-text.js";

const GATEWAY_API = "gateway.networking.k8s.io";

/**
 * The Gateway API objects the policy attaches to: `policyTargetRefs` (`--policy-target-ref`), else the Gateways
 * among the Istio `targetRefs`. Envoy Gateway's CRD takes only group gateway.networking.k8s.io here.
 */
export function policyTargetRefs(settings: DeploymentSettings): TargetRef[] {
  const refs = settings.policyTargetRefs ?? (settings.targetRefs ?? []).filter((ref) => ref.kind === "Gateway");
  return refs.map((ref) => ({ group: GATEWAY_API, kind: ref.kind, name: ref.name }));
}

/** Why no EnvoyExtensionPolicy can be written, as [code, reason], or undefined when one can. */
export function policyUnavailable(input: Pick<EmitInput, "settings" | "image">): ["target" | "code", string] | undefined {
  if (policyTargetRefs(input.settings).length === 0) return ["target", "an EnvoyExtensionPolicy needs a Gateway or HTTPRoute to attach to (--policy-target-ref)"];
  if (input.image === undefined && !isHttpUrl(input.settings.url)) {
    return ["code", "Envoy Gateway loads modules from an OCI image or over HTTP(S), not from a file in the proxy (filterc package --image, or an https:// --url)"];
  }
  return undefined;
}

/**
 * envoyextensionpolicy.yaml: Envoy Gateway's EnvoyExtensionPolicy (gateway.envoyproxy.io/v1alpha1) with one wasm
 * extension. The Envoy Gateway controller, not the proxy, pulls the image: its url has no scheme, and its sha256 is
 * the image (manifest) digest, the value EG's fetcher (derived from Istio's pkg/wasm/imagefetcher.go) compares with
 * `img.Digest()`. An HTTP source is pinned by the module's own sha256. EG has only `failOpen`, so `reload` fails
 * closed, the safe side.
 */
export function emitEnvoyExtensionPolicy(input: EmitInput): EmittedFile {
  const { settings } = input;
  const header = generatedHeader(input.module.sha256);
  const code =
    input.image !== undefined
      ? { type: "Image", image: { url: input.image.reference, sha256: input.image.manifestDigestHex } }
      : { type: "HTTP", http: { url: settings.url!, sha256: input.module.sha256 } };
  if (settings.failurePolicy === "reload") header.push("failOpen: false: Envoy Gateway has no reload policy, so the filter fails closed.");
  const spec = {
    targetRefs: policyTargetRefs(settings),
    wasm: [
      {
        name: settings.name,
        rootID: settings.rootId,
        code,
        failOpen: settings.failurePolicy === "fail-open",
        config: input.pluginConfig,
      },
    ],
  };
  const resource = { apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "EnvoyExtensionPolicy", metadata: kubernetesMetadata(settings), spec };
  return { name: "envoyextensionpolicy.yaml", content: yamlText(header, resource) };
}

function isHttpUrl(url: string | undefined): boolean {
  return url !== undefined && /^https?:\/\//i.test(url);
}
