import type { DoctorCheck } from "../check.js";
import { imageSources } from "../image-sources.js";
import { namespaceOf } from "../resources.js";
import { spanOf } from "../yaml-files.js";

const check: DoctorCheck = {
  meta: {
    code: "D016",
    id: "pull-secret-exists",
    severity: "error",
    title: "the image pull secret is not in the manifests",
    why: "Istio's agent reads `imagePullSecret` from the WasmPlugin's (TrafficExtension's) namespace and Envoy Gateway reads `pullSecretRef`; when the Secret is missing the private registry answers 401, the module never loads, and a fail-closed plugin is replaced by a deny-all filter.",
    fix: "create the Secret (`kubectl create secret docker-registry NAME -n NAMESPACE ...`) in the resource's namespace, or name an existing one",
  },
  run(context) {
    if (!context.manifestsGiven) return;
    for (const source of imageSources(context.output)) {
      const secret = source.pullSecret;
      if (secret === undefined) continue;
      const named = context.manifests.filter((o) => o.value.kind === "Secret" && o.value.metadata?.name === secret.name);
      if (named.some((o) => namespaceOf(o) === secret.namespace)) continue;
      context.report({
        source: source.object.source,
        span: spanOf(source.object, secret.path),
        message: `${source.what} pull secret ${secret.name} is not a Secret of the manifests in namespace ${secret.namespace}`,
        hint: named.length > 0 ? `Secret ${secret.name} is in namespace ${namespaceOf(named[0]!)}: Secrets are read from the resource's own namespace` : check.meta.fix,
      });
    }
  },
};

export default check;
