import type { DoctorCheck } from "../check.js";
import { contextOf, istioResources, portOf, selectedWorkloads, workloads } from "../resources.js";
import { spanOf } from "../yaml-files.js";

const check: DoctorCheck = {
  meta: {
    code: "D003",
    id: "port-fits-workload",
    severity: "error",
    title: "the port is not a container port of the selected workloads",
    why: "On SIDECAR_INBOUND, Istio builds an inbound listener per port the workload serves; a filter narrowed to a port none of the selected pods declares never sees a request.",
    fix: "set `port` in filterc.yaml (or `--port`) to a containerPort of the selected pods, or leave it out to run on every port",
  },
  run(context) {
    if (!context.manifestsGiven) return;
    const all = workloads(context.manifests);
    for (const resource of istioResources(context.output)) {
      const port = portOf(resource);
      if (port === undefined || contextOf(resource) !== "SIDECAR_INBOUND") continue;
      const selected = selectedWorkloads(resource, all);
      const ports = [...new Set(selected.flatMap((w) => w.containerPorts))].sort((a, b) => a - b);
      // Pods that declare no ports say nothing either way; so does a selector that matched nothing (D001).
      if (ports.length === 0 || ports.includes(port.port)) continue;
      context.report({
        source: resource.source,
        span: spanOf(resource, port.path),
        message: `port ${port.port} is not a container port of the selected workloads, which serve ${ports.join(", ")}`,
        hint: `set \`port: ${ports[0]}\`, or leave \`port\` out`,
      });
    }
  },
};

export default check;
