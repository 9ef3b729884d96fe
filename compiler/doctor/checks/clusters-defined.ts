import type { Span } from "../../../grammar/ast.js";
import type { DoctorCheck, DoctorContext } from "../check.js";
import { namespaceOf } from "../resources.js";
import { spanOf, type YamlObject } from "../yaml-files.js";

/**
 * Two kinds of cluster names must resolve: the ones envoy.yaml's routes send to, and the ones the rules call (a
 * global limit's `via`, recorded in filter.map.json). envoy.yaml must define both under static_resources.clusters.
 * In Istio, a sidecar's clusters are named after what the mesh knows, `outbound|PORT|SUBSET|HOST`
 * (pilot/pkg/model BuildSubsetKey): a called cluster of that form must be a port of a Service or ServiceEntry in
 * the manifests; any other name only exists when an EnvoyFilter of the manifests adds a CLUSTER of that name.
 */
const check: DoctorCheck = {
  meta: {
    code: "D009",
    id: "clusters-defined",
    severity: "error",
    title: "a cluster that a route of envoy.yaml or a rule calls is not defined",
    why: "Envoy rejects a static bootstrap whose route names an unknown cluster, and a wasm callout to an unknown cluster fails at runtime (BadArgument for HTTP calls, ParseFailure for gRPC calls), which a global limit treats as its failure choice.",
    fix: "define the cluster (envoy.yaml `static_resources.clusters`; in Istio a Service or ServiceEntry port, named `outbound|PORT||HOST` in the rule), or correct the name",
  },
  run(context) {
    routeClusters(context);
    calledClusters(context);
  },
};

function definedInBootstrap(bootstrap: YamlObject): Set<string> {
  return new Set<string>((bootstrap.value.static_resources?.clusters ?? []).map((c: any) => c?.name));
}

function routeClusters(context: DoctorContext): void {
  const bootstrap = context.output.envoyBootstrap;
  if (bootstrap === undefined) return;
  const resources = bootstrap.value.static_resources ?? {};
  const defined = definedInBootstrap(bootstrap);
  for (const [l, listener] of (resources.listeners ?? []).entries()) {
    for (const [c, chain] of (listener?.filter_chains ?? []).entries()) {
      for (const [f, filter] of (chain?.filters ?? []).entries()) {
        for (const [v, host] of (filter?.typed_config?.route_config?.virtual_hosts ?? []).entries()) {
          for (const [r, route] of (host?.routes ?? []).entries()) {
            const cluster = route?.route?.cluster;
            if (typeof cluster !== "string" || defined.has(cluster)) continue;
            const path = ["static_resources", "listeners", l, "filter_chains", c, "filters", f, "typed_config", "route_config", "virtual_hosts", v, "routes", r, "route", "cluster"];
            context.report({
              source: bootstrap.source,
              span: spanOf(bootstrap, path),
              message: `the route sends to cluster \`${cluster}\`, which static_resources.clusters does not define${defined.size > 0 ? ` (it defines ${[...defined].map((n) => `\`${n}\``).join(", ")})` : ""}`,
              hint: check.meta.fix,
            });
          }
        }
      }
    }
  }
}

function calledClusters(context: DoctorContext): void {
  const map = context.output.map;
  const called = map?.facts.clusters ?? [];
  if (map === undefined || called.length === 0) return;
  const at = (cluster: string): Span => {
    const start = map.source.text.indexOf(JSON.stringify(cluster), Math.max(0, map.source.text.indexOf('"clusters"')));
    return start < 0 ? { start: 0, end: 0 } : { start, end: start + JSON.stringify(cluster).length };
  };
  const bootstrap = context.output.envoyBootstrap;
  if (bootstrap !== undefined) {
    const defined = definedInBootstrap(bootstrap);
    for (const cluster of called.filter((name) => !defined.has(name))) {
      context.report({
        source: bootstrap.source,
        span: spanOf(bootstrap, ["static_resources", "clusters"]),
        message: `the rules call cluster \`${cluster}\`, which static_resources.clusters does not define`,
        hint: check.meta.fix,
      });
    }
  }
  const meshDeployed = context.output.envoyFilter !== undefined || context.output.wasmPlugin !== undefined;
  if (!meshDeployed || !context.manifestsGiven) return;
  for (const cluster of called) {
    const why = meshClusterProblem(cluster, context.manifests);
    if (why !== undefined) context.report({ source: map.source, span: at(cluster), message: `the rules call cluster \`${cluster}\`, ${why}`, hint: check.meta.fix });
  }
}

/** Why Istio's sidecar would have no cluster of this name, given the manifests; undefined when it would. */
function meshClusterProblem(cluster: string, manifests: readonly YamlObject[]): string | undefined {
  const patched = manifests.some((object) =>
    object.value.kind === "EnvoyFilter" &&
    (object.value.spec?.configPatches ?? []).some((p: any) => p?.applyTo === "CLUSTER" && p?.patch?.value?.name === cluster),
  );
  if (patched) return undefined;
  const parts = cluster.split("|");
  if (parts.length !== 4 || parts[0] !== "outbound" || !/^\d+$/.test(parts[1]!)) {
    return "which is not an Istio cluster name (`outbound|PORT||HOST`) and which no EnvoyFilter of the manifests adds (applyTo: CLUSTER)";
  }
  const port = Number(parts[1]);
  const host = parts[3]!;
  const hasPort = (ports: any): boolean => Array.isArray(ports) && ports.some((p: any) => Number(p?.port ?? p?.number) === port);
  for (const object of manifests) {
    const { kind, metadata, spec } = object.value;
    if (kind === "Service" && `${metadata?.name}.${namespaceOf(object)}.svc.cluster.local` === host && hasPort(spec?.ports)) return undefined;
    if (kind === "ServiceEntry" && Array.isArray(spec?.hosts) && spec.hosts.includes(host) && hasPort(spec?.ports)) return undefined;
  }
  return `but no Service or ServiceEntry of the manifests serves \`${host}\` on port ${port}`;
}

export default check;
