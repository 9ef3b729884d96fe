import { DEFAULT_WASM_PATH } from "../../emit/settings.js";
import { DEFAULT_NAMESPACE, type ScaffoldOptions } from "../options.js";
import type { Template } from "../template.js";
import { curlArguments } from "./try-it.js";

/** The pods' label the scaffold selects on; the README tells the user to change it to their workload's. */
export const PLACEHOLDER_APP = "my-service";

/** The resources' namespace: the one asked for, else the placement's (a gateway's), else the default. */
export function namespaceOf(options: ScaffoldOptions, template?: Template): string {
  return options.namespace ?? template?.placement?.namespace ?? DEFAULT_NAMESPACE;
}

/** filterc.yaml's selector as the README quotes it. */
export function selectorText(template: Template): string {
  return Object.entries(template.placement?.selector ?? { app: PLACEHOLDER_APP }).map(([k, v]) => `${k}: ${v}`).join(", ");
}

/** The Deployment whose pods run the filter: the template's placement, else the application placeholder. */
function deploymentOf(template: Template): string {
  return template.placement?.deployment ?? PLACEHOLDER_APP;
}

/**
 * The settings both Istio resources share. The selector is written out, not left to the default of "every
 * workload in the namespace": with the module mounted into only some pods, the others would fail to load it.
 */
export function istioSettings(options: ScaffoldOptions, template: Template, resource: string): string {
  const placement = template.placement;
  const where =
    placement === undefined
      ? `# The pods that run the filter, by label: change this to your workload's labels (\`kubectl get pods --show-labels\`).
# Without a selector every workload in the namespace would run it.
selector:
  app: ${PLACEHOLDER_APP}

# Which traffic the filter sees. SIDECAR_INBOUND: requests arriving at the selected pods. GATEWAY: requests
# through an ingress gateway (then set namespace and selector to the gateway's, e.g. istio: ingressgateway).
context: SIDECAR_INBOUND`
      : `${placement.why.map((line) => `# ${line}`).join("\n")}
selector:
${Object.entries(placement.selector).map(([k, v]) => `  ${k}: ${v}`).join("\n")}
context: ${placement.context}`;
  return `# The ${resource} resource's name and namespace.
name: ${options.name}
namespace: ${namespaceOf(options, template)}

${where}

# fail-closed: when the filter cannot load or crashes, requests fail rather than pass unfiltered. Right for a
# filter that enforces something; fail-open lets traffic through without the filter.
failurePolicy: fail-closed
`;
}

/**
 * Commands that put filter.wasm into the selected pods through a ConfigMap and the sidecar injector's volume
 * annotations. The mount uses subPath, which never sees later ConfigMap updates: hence the restart.
 */
export function mountModuleSteps(options: ScaffoldOptions, template: Template): string {
  const ns = namespaceOf(options, template);
  const volume = JSON.stringify(JSON.stringify([{ name: "filterc-wasm", configMap: { name: `${options.name}-wasm` } }]));
  const mount = JSON.stringify(JSON.stringify([{ mountPath: DEFAULT_WASM_PATH, subPath: "filter.wasm", name: "filterc-wasm", readOnly: true }]));
  return `\`\`\`sh
filterc build ${options.name}.fw -o out
DEPLOYMENT=${deploymentOf(template)}     # the Deployment whose pods run the filter
kubectl create configmap ${options.name}-wasm -n ${ns} --from-file=filter.wasm=out/filter.wasm \\
  --dry-run=client -o yaml | kubectl apply -f -
kubectl patch deployment "$DEPLOYMENT" -n ${ns} --type merge -p '
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/userVolume: ${volume}
        sidecar.istio.io/userVolumeMount: ${mount}'
kubectl rollout status deployment "$DEPLOYMENT" -n ${ns}
\`\`\`

A ConfigMap holds at most 1 MiB; \`filterc build\` prints the module's size. The patch adds a volume to the pods
and mounts the module at \`${DEFAULT_WASM_PATH}\` in the \`istio-proxy\` container, where filterc.yaml's
\`wasmPath\` says it is.`;
}

/** How to check that the filter loaded and works, from a throwaway pod outside the mesh. */
export function istioCheckSteps(options: ScaffoldOptions, template: Template, kind: string): string {
  const ns = namespaceOf(options, template);
  return `Check that it loaded and works:

\`\`\`sh
kubectl get ${kind} ${options.name} -n ${ns}
DEPLOYMENT=${deploymentOf(template)}     # the Deployment whose pods run the filter
kubectl logs deploy/"$DEPLOYMENT" -n ${ns} -c istio-proxy | grep -i wasm     # load errors show up here
SERVICE=${deploymentOf(template)}        # the Service in front of those pods
kubectl run filterc-try -n ${ns} --rm -i --restart=Never --image=curlimages/curl \\
  --labels sidecar.istio.io/inject=false -- ${curlArguments(template.tryIt, `http://$SERVICE`)}
\`\`\`

Look for ${template.tryIt.look}. (With STRICT mTLS the mesh refuses this plain-text client: run the same curl
from a pod inside the mesh.)`;
}

/** After a change to the rules: the same ConfigMap, and a restart so the pods mount the new module. */
export function istioUpdateSteps(options: ScaffoldOptions, template: Template, deploymentFile: string): string {
  const ns = namespaceOf(options, template);
  return `After changing the rules, rebuild and roll the new module out:

\`\`\`sh
filterc build ${options.name}.fw -o out
kubectl create configmap ${options.name}-wasm -n ${ns} --from-file=filter.wasm=out/filter.wasm \\
  --dry-run=client -o yaml | kubectl apply -f -
kubectl rollout restart deployment "$DEPLOYMENT" -n ${ns}
kubectl apply -f out/${deploymentFile}
\`\`\``;
}
