import type { WasmModule } from "../wasm.js";
import type { DeploymentSettings } from "./settings.js";

export interface EmitInput {
  settings: DeploymentSettings;
  /** The final filter.wasm and its sha256, which goes into every output. */
  module: WasmModule;
  /** The plugin configuration, the rule parameters' defaults, delivered to proxy_on_configure as JSON. */
  pluginConfig: Record<string, unknown>;
  /** The tags the filter's metric names carry (compiler/metric-names.ts), for Envoy's `stats_tags`; none if absent. */
  metrics?: { readonly tags: readonly string[] };
  /**
   * `filterc package --image`: the OCI image the module was packaged in. Istio resources then load
   * `oci://<reference>`, Envoy Gateway's the bare reference, each pinned by the manifest digest.
   */
  image?: { readonly reference: string; readonly manifestDigestHex: string };
  /** The filter holds headers for body rules: the wasm filter config sets allow_on_headers_stop_iteration. */
  holdsHeaders?: boolean;
  /** The Envoy clusters the rules call (a global limit's `via`): envoy.yaml defines a placeholder for each. */
  clusters?: readonly string[];
}

/** One output file: a name relative to the output directory, and its text. */
export interface EmittedFile {
  name: string;
  content: string;
}
