import type { DoctorCheck } from "../check.js";
import { namespaceOf } from "../resources.js";
import { spanOf } from "../yaml-files.js";

const check: DoctorCheck = {
  meta: {
    code: "D002",
    id: "target-ref-exists",
    severity: "error",
    title: "a targetRef names an object the manifests do not have",
    why: "A WasmPlugin or TrafficExtension with targetRefs attaches to the named Gateway, GatewayClass, Service or ServiceEntry in its own namespace; when none exists the plugin attaches nowhere, without an error.",
    fix: "name an existing object in `targetRefs` (filterc.yaml or `--target-ref Kind/name`), in the resource's namespace",
  },
  run(context) {
    if (!context.manifestsGiven) return;
    for (const plugin of [context.output.wasmPlugin, context.output.trafficExtension]) {
      if (plugin === undefined) continue;
      const refs: any[] = plugin.value.spec?.targetRefs ?? [];
      const namespace = namespaceOf(plugin);
      for (const [i, ref] of refs.entries()) {
        const found = context.manifests.some(
          (o) => o.value.kind === ref.kind && o.value.metadata?.name === ref.name && (ref.kind === "GatewayClass" || namespaceOf(o) === namespace),
        );
        if (found) continue;
        const sameName = context.manifests.find((o) => o.value.kind === ref.kind && o.value.metadata?.name === ref.name);
        context.report({
          source: plugin.source,
          span: spanOf(plugin, ["spec", "targetRefs", i, "name"]),
          message: `targetRefs names ${ref.kind} ${ref.name} in namespace ${namespace}, and the manifests have no such ${ref.kind}`,
          hint: sameName !== undefined ? `${ref.kind} ${ref.name} is in namespace ${namespaceOf(sameName)}: set \`namespace: ${namespaceOf(sameName)}\`` : check.meta.fix,
        });
      }
    }
  },
};

export default check;
