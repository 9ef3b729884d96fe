import type { DoctorCheck } from "../check.js";
import { contextOf, istioResources, isGatewayWorkload, selectedWorkloads, workloads } from "../resources.js";
import { spanOf } from "../yaml-files.js";

const check: DoctorCheck = {
  meta: {
    code: "D004",
    id: "context-fits-workload",
    severity: "warning",
    title: "the traffic context does not fit the selected workloads",
    why: "Gateway pods have only GATEWAY listeners and sidecars only SIDECAR_INBOUND / SIDECAR_OUTBOUND ones: an EnvoyFilter whose context the selected pods do not have patches nothing.",
    fix: "set `context: GATEWAY` with a gateway's selector (e.g. `istio: ingressgateway`), or a sidecar context with an application's selector",
  },
  run(context) {
    if (!context.manifestsGiven) return;
    const all = workloads(context.manifests);
    for (const resource of istioResources(context.output)) {
      if (resource.value.kind !== "EnvoyFilter") continue;
      const wanted = contextOf(resource);
      const selected = selectedWorkloads(resource, all);
      if (wanted === undefined || selected.length === 0) continue;
      const gateways = selected.filter(isGatewayWorkload).length;
      const mismatch = wanted === "GATEWAY" ? gateways === 0 : gateways === selected.length;
      if (!mismatch) continue;
      context.report({
        source: resource.source,
        span: spanOf(resource, ["spec", "configPatches", 0, "match", "context"]),
        message: wanted === "GATEWAY" ? "context is GATEWAY, but every selected workload is an application with a sidecar, not a gateway" : `context is ${wanted}, but every selected workload is a gateway, which has no sidecar listeners`,
        hint: check.meta.fix,
      });
    }
  },
};

export default check;
