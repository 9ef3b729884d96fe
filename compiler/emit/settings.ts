/** What a deployment looks like: where the filter runs, how it is named and what happens when it fails. */

export type FailurePolicy = "fail-closed" | "fail-open" | "reload";
export type TrafficContext = "SIDECAR_INBOUND" | "SIDECAR_OUTBOUND" | "GATEWAY";
export type WasmPluginPhase = "AUTHN" | "AUTHZ" | "STATS";

/** A Kubernetes object a WasmPlugin attaches to (a Gateway, GatewayClass, Service or ServiceEntry). */
export interface TargetRef {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The standalone Envoy bootstrap (envoy.yaml): where it listens and where it forwards. */
export interface EnvoySettings {
  listenPort: number;
  upstreamHost: string;
  upstreamPort: number;
  adminPort: number;
  /** The wasm path Envoy opens, relative to the directory Envoy runs in. */
  wasmFile: string;
}

export interface DeploymentSettings {
  /** Resource and plugin name (a DNS-1123 label); defaults to the rule file's base name. */
  name: string;
  namespace: string;
  /** Workload labels: EnvoyFilter workloadSelector.labels, WasmPlugin selector.matchLabels. */
  selector?: Record<string, string>;
  /** WasmPlugin only; never together with selector. */
  targetRefs?: TargetRef[];
  /** EnvoyExtensionPolicy: the Gateway or HTTPRoute it attaches to (group gateway.networking.k8s.io). */
  policyTargetRefs?: TargetRef[];
  context: TrafficContext;
  /** EnvoyFilter listener.portNumber; WasmPlugin match ports. */
  port?: number;
  phase?: WasmPluginPhase;
  priority?: number;
  /** Where the wasm file lives inside the proxy container. */
  wasmPath: string;
  /** WasmPlugin url; defaults to "file://" + wasmPath. */
  url?: string;
  failurePolicy: FailurePolicy;
  /** Envoy root_id, WasmPlugin pluginName. */
  rootId: string;
  envoyFilterFormat: "typed" | "legacy";
  envoy: EnvoySettings;
  /** The Istio release line the output is for (`1.25`); absent: the newest fields (compiler/emit/versions.ts). */
  istioVersion?: string;
  /** The Envoy release line the output is for; absent: the one istioVersion ships, else the newest fields. */
  envoyVersion?: string;
}

/**
 * Settings that override others: every key optional, and `envoy` may be partial too, so a project file that sets
 * only `envoy.listenPort` keeps the other Envoy defaults.
 */
export type SettingsOverrides = Partial<Omit<DeploymentSettings, "envoy">> & { envoy?: Partial<EnvoySettings> };

export const DEFAULT_NAMESPACE = "default";
export const DEFAULT_CONTEXT: TrafficContext = "SIDECAR_INBOUND";
export const DEFAULT_WASM_PATH = "/var/local/filter.wasm";
export const DEFAULT_FAILURE_POLICY: FailurePolicy = "fail-closed";
/** Used when the rule file's name has no character a DNS-1123 label can keep. */
export const FALLBACK_NAME = "filterc-filter";

export const DEFAULT_ENVOY: Readonly<EnvoySettings> = {
  listenPort: 10000,
  upstreamHost: "127.0.0.1",
  upstreamPort: 8080,
  adminPort: 9901,
  wasmFile: "filter.wasm",
};

/** All defaults for a rule file: `rules/Add_Header.fw` deploys as `add-header`. */
export function defaultSettings(ruleFileName: string): DeploymentSettings {
  const name = nameFromRuleFile(ruleFileName);
  return {
    name,
    namespace: DEFAULT_NAMESPACE,
    context: DEFAULT_CONTEXT,
    wasmPath: DEFAULT_WASM_PATH,
    failurePolicy: DEFAULT_FAILURE_POLICY,
    rootId: name,
    envoyFilterFormat: "typed",
    envoy: { ...DEFAULT_ENVOY },
  };
}

/** The URL a WasmPlugin loads the module from when none is given: the file already in the pod. */
export function defaultUrl(wasmPath: string): string {
  return "file://" + wasmPath;
}

/**
 * A DNS-1123 label from a file name: the base name without its extension, lower-cased, every run of other
 * characters turned into one `-`, trimmed to 63 characters. Kubernetes rejects any other metadata.name.
 */
export function nameFromRuleFile(ruleFileName: string): string {
  const base = ruleFileName.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.[^.]*$/, "");
  const label = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return label === "" ? FALLBACK_NAME : label;
}
