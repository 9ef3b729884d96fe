import { DEFAULT_WASM_PATH } from "../../emit/settings.js";
import type { Target } from "../target.js";
import { istioCheckSteps, istioSettings, istioUpdateSteps, mountModuleSteps, namespaceOf, selectorText } from "./istio-common.js";

export const envoyFilterTarget: Target = {
  id: "envoyfilter",
  title: "Istio EnvoyFilter",
  deployedWith: "an Istio EnvoyFilter",
  summary: "Istio 1.25 or later as written (older: set istioVersion in filterc.yaml); the module is mounted into the pods",
  deploymentFile: "envoyfilter.yaml",
  usesNamespace: true,
  projectSettings: (options, template) => `${istioSettings(options, template, "EnvoyFilter")}
# Where filter.wasm is inside the istio-proxy container: README.md shows how to mount it there.
wasmPath: ${DEFAULT_WASM_PATH}
`,
  deploySection: (options, template) => `## Deploy to Istio with an EnvoyFilter

\`out/envoyfilter.yaml\` tells the sidecars of the pods that filterc.yaml's \`selector\` picks to load the filter from
\`${DEFAULT_WASM_PATH}\`, before Istio's router. Set \`selector\` first (it says \`${selectorText(template)}\`), then put the
module into those pods:

${mountModuleSteps(options, template)}

Then apply the EnvoyFilter:

\`\`\`sh
kubectl apply -f out/envoyfilter.yaml
\`\`\`

${istioCheckSteps(options, template, "envoyfilter")}

${istioUpdateSteps(options, template, "envoyfilter.yaml")}

To remove the filter: \`kubectl delete -f out/envoyfilter.yaml\` (namespace \`${namespaceOf(options, template)}\`).

The EnvoyFilter is written for Istio 1.25 (Envoy 1.33) or later, whose \`failure_policy\` field older proxies ignore.
For an older mesh set \`istioVersion\` in filterc.yaml (e.g. \`istioVersion: "1.22"\`): \`filterc build\` then writes
what that release understands and refuses \`reload\`, which it cannot express. Before applying, \`filterc doctor out
--manifests k8s/ --istio-version 1.22\` checks the selector, port, fields and module against your manifests.`,
  configureSection: (options, template) => {
    // A JSON patch, because the configuration is one JSON string deep inside the patch value.
    const value = JSON.stringify(JSON.stringify(template.configExample));
    const patch = `[{"op":"replace","path":"/spec/configPatches/0/patch/value/typed_config/config/configuration/value","value":${value}}]`;
    return `The EnvoyFilter carries the configuration as one JSON string, \`configuration.value\`. Replace it in the
cluster (keys left out take their defaults):

\`\`\`sh
kubectl patch envoyfilter ${options.name} -n ${namespaceOf(options, template)} --type json -p '${patch}'
\`\`\`

\`filterc build\` writes the params' defaults there, so the next \`kubectl apply -f out/envoyfilter.yaml\` puts them back.`;
  },
};
