import type { DoctorCheck } from "../check.js";
import { istioResources, namespaceOf, selectedWorkloads, selectorOf, workloads } from "../resources.js";
import { spanOf } from "../yaml-files.js";

/** A selector that matches no pod attaches nowhere, and Istio says nothing about it. */
const check: DoctorCheck = {
  meta: {
    code: "D001",
    id: "selector-matches-workload",
    severity: "error",
    title: "the selector matches no workload in the manifests",
    why: "Istio applies an EnvoyFilter or WasmPlugin only to pods whose labels contain every selector label, in the resource's namespace (or any namespace from istio-system). A selector that matches none attaches the filter nowhere, without an error.",
    fix: "set `selector` in filterc.yaml (or `--selector`) to labels of the pods that should run the filter (`kubectl get pods --show-labels`), and `namespace` to theirs",
  },
  run(context) {
    if (!context.manifestsGiven) return;
    const all = workloads(context.manifests);
    for (const resource of istioResources(context.output)) {
      if (resource.value.spec?.targetRefs !== undefined) continue;
      if (selectedWorkloads(resource, all).length > 0) continue;
      const selector = selectorOf(resource);
      const labels = selector === undefined ? undefined : Object.entries(selector.labels).map(([k, v]) => `${k}=${v}`).join(", ");
      const near = selector === undefined ? [] : all.filter((w) => Object.entries(selector.labels).some(([k, v]) => w.labels[k] === String(v)));
      context.report({
        source: resource.source,
        span: spanOf(resource, selector?.path ?? ["metadata", "namespace"]),
        message:
          labels === undefined
            ? `this ${resource.value.kind} selects every pod in namespace ${namespaceOf(resource)}, and the manifests have no workload there`
            : `this ${resource.value.kind} selects pods with ${labels} in namespace ${namespaceOf(resource)}, and no workload in the manifests has them`,
        hint: near.length > 0 ? `${near[0]!.object.value.kind} ${near[0]!.object.value.metadata?.name} in ${near[0]!.namespace} has labels ${Object.entries(near[0]!.labels).map(([k, v]) => `${k}=${v}`).join(", ")}` : check.meta.fix,
      });
    }
  },
};

export default check;
