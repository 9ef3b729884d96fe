import type { BuildOutput } from "./build-output.js";
import type { YamlObject } from "./yaml-files.js";

/** Istio's root namespace: an EnvoyFilter or WasmPlugin there applies to workloads of every namespace. */
export const ROOT_NAMESPACE = "istio-system";

export function namespaceOf(object: YamlObject): string {
  return object.value.metadata?.namespace ?? "default";
}

/**
 * The deployment resources of a build that select workloads: the EnvoyFilter, the WasmPlugin and the
 * TrafficExtension (which keeps the WasmPlugin's selector, targetRefs and match at the top of its spec).
 */
export function istioResources(output: BuildOutput): YamlObject[] {
  return [output.envoyFilter, output.wasmPlugin, output.trafficExtension].filter((o): o is YamlObject => o !== undefined);
}

/** The labels a resource selects pods by, and the path of that map; undefined when it selects every workload. */
export function selectorOf(object: YamlObject): { labels: Record<string, string>; path: string[] } | undefined {
  if (object.value.kind === "EnvoyFilter") {
    const labels = object.value.spec?.workloadSelector?.labels;
    return labels === undefined ? undefined : { labels, path: ["spec", "workloadSelector", "labels"] };
  }
  const labels = object.value.spec?.selector?.matchLabels;
  return labels === undefined ? undefined : { labels, path: ["spec", "selector", "matchLabels"] };
}

export interface Workload {
  readonly object: YamlObject;
  readonly namespace: string;
  /** The pods' labels. */
  readonly labels: Record<string, string>;
  readonly containerPorts: readonly number[];
}

const POD_TEMPLATES = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

/** The pods the manifests create: Pods, and the pod templates of Deployments, StatefulSets, DaemonSets, ... */
export function workloads(manifests: readonly YamlObject[]): Workload[] {
  const found: Workload[] = [];
  for (const object of manifests) {
    const kind = object.value.kind;
    const pod = kind === "Pod" ? object.value : POD_TEMPLATES.has(kind) ? object.value.spec?.template : kind === "CronJob" ? object.value.spec?.jobTemplate?.spec?.template : undefined;
    if (pod === undefined || pod === null) continue;
    const containers: any[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
    const containerPorts = containers.flatMap((c) => (Array.isArray(c?.ports) ? c.ports : [])).map((p: any) => Number(p?.containerPort)).filter((n: number) => Number.isInteger(n));
    found.push({ object, namespace: namespaceOf(object), labels: pod.metadata?.labels ?? {}, containerPorts });
  }
  return found;
}

/** Whether a resource in `namespace` reaches a workload: the same namespace, or the root namespace. */
export function reaches(namespace: string, workload: Workload): boolean {
  return namespace === ROOT_NAMESPACE || namespace === workload.namespace;
}

export function matchesLabels(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === String(value));
}

/** The workloads a resource runs in, by namespace and selector. */
export function selectedWorkloads(resource: YamlObject, all: readonly Workload[]): Workload[] {
  const namespace = namespaceOf(resource);
  const selector = selectorOf(resource);
  return all.filter((w) => reaches(namespace, w) && (selector === undefined || matchesLabels(selector.labels, w.labels)));
}

/** Istio's gateway pods carry `istio: ...gateway` (Helm charts) or Gateway API's gateway-name label. */
export function isGatewayWorkload(workload: Workload): boolean {
  return /gateway/.test(workload.labels.istio ?? "") || workload.labels["gateway.networking.k8s.io/gateway-name"] !== undefined;
}

/** The traffic context of a resource: EnvoyFilter match.context, WasmPlugin match mode; undefined if unsaid. */
export function contextOf(resource: YamlObject): string | undefined {
  if (resource.value.kind === "EnvoyFilter") return resource.value.spec?.configPatches?.[0]?.match?.context;
  const mode = resource.value.spec?.match?.[0]?.mode;
  return mode === "SERVER" ? "SIDECAR_INBOUND" : mode === "CLIENT" ? "CLIENT" : undefined;
}

/** The port a resource is narrowed to, with its path. */
export function portOf(resource: YamlObject): { port: number; path: (string | number)[] } | undefined {
  if (resource.value.kind === "EnvoyFilter") {
    const port = resource.value.spec?.configPatches?.[0]?.match?.listener?.portNumber;
    return port === undefined ? undefined : { port: Number(port), path: ["spec", "configPatches", 0, "match", "listener", "portNumber"] };
  }
  const port = resource.value.spec?.match?.[0]?.ports?.[0]?.number;
  return port === undefined ? undefined : { port: Number(port), path: ["spec", "match", 0, "ports", 0, "number"] };
}

/** The wasm PluginConfig of an EnvoyFilter (typed form) or of envoy.yaml's wasm filter. */
export function envoyPluginConfig(object: YamlObject): { config: Record<string, any>; path: (string | number)[] } | undefined {
  if (object.value.kind === "EnvoyFilter") {
    const patches: any[] = object.value.spec?.configPatches ?? [];
    for (const [i, patch] of patches.entries()) {
      const config = patch?.patch?.value?.typed_config?.config;
      if (config !== undefined) return { config, path: ["spec", "configPatches", i, "patch", "value", "typed_config", "config"] };
    }
    return undefined;
  }
  const listeners: any[] = object.value.static_resources?.listeners ?? [];
  for (const [l, listener] of listeners.entries()) {
    for (const [c, chain] of (listener?.filter_chains ?? []).entries()) {
      for (const [f, filter] of (chain?.filters ?? []).entries()) {
        for (const [h, http] of (filter?.typed_config?.http_filters ?? []).entries()) {
          const config = http?.typed_config?.config;
          if (config?.vm_config !== undefined) {
            return { config, path: ["static_resources", "listeners", l, "filter_chains", c, "filters", f, "typed_config", "http_filters", h, "typed_config", "config"] };
          }
        }
      }
    }
  }
  return undefined;
}
