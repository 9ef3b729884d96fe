import type { DoctorCheck } from "../check.js";
import { spanOf } from "../yaml-files.js";

/**
 * The rule language has no callouts yet (no action names a cluster), so the clusters checked are the ones
 * envoy.yaml's routes send to. When actions call clusters, their names belong in filter.map.json and here.
 */
const check: DoctorCheck = {
  meta: {
    code: "D009",
    id: "clusters-defined",
    severity: "error",
    title: "a route of envoy.yaml sends to a cluster it does not define",
    why: "Envoy rejects a static bootstrap whose route names an unknown cluster (and a wasm callout to an unknown cluster fails at runtime: BadArgument for HTTP calls, ParseFailure for gRPC calls).",
    fix: "define the cluster under `static_resources.clusters`, or correct the route's cluster name",
  },
  run(context) {
    const bootstrap = context.output.envoyBootstrap;
    if (bootstrap === undefined) return;
    const resources = bootstrap.value.static_resources ?? {};
    const defined = new Set<string>((resources.clusters ?? []).map((c: any) => c?.name));
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
  },
};

export default check;
