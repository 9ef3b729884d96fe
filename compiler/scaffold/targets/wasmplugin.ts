import { DEFAULT_WASM_PATH } from "../../emit/settings.js";
import type { ScaffoldOptions } from "../options.js";
import type { Target } from "../target.js";
import { istioCheckSteps, istioSettings, istioUpdateSteps, mountModuleSteps, namespaceOf, selectorText } from "./istio-common.js";

/** An example OCI reference for the registry route: the user's registry goes here. */
function exampleImage(options: ScaffoldOptions): string {
  return `registry.example.com/filters/${options.name}:0.1.0`;
}

export const wasmPluginTarget: Target = {
  id: "wasmplugin",
  title: "Istio WasmPlugin",
  deployedWith: "an Istio WasmPlugin",
  summary: "Istio 1.20 or later as written (1.12+ with istioVersion in filterc.yaml); the module comes from a registry or from the pods",
  deploymentFile: "wasmplugin.yaml",
  usesNamespace: true,
  projectSettings: (options, template) => `${istioSettings(options, template, "WasmPlugin")}
# Where Istio gets the module. By default, from this path inside the istio-proxy container (README.md shows how
# to mount it there). To pull it from an OCI registry instead, push it as an image and set its url:
# url: oci://${exampleImage(options)}
wasmPath: ${DEFAULT_WASM_PATH}

# Where the filter runs among Istio's own: AUTHN (before authentication), AUTHZ (before authorization) or
# STATS. Without a phase it runs last, just before the router.
# phase: AUTHZ
`,
  deploySection: (options, template) => {
    const ns = namespaceOf(options, template);
    const image = exampleImage(options);
    return `## Deploy to Istio with a WasmPlugin

\`out/wasmplugin.yaml\` asks Istio to run the filter in the pods that filterc.yaml's \`selector\` picks (it says
\`${selectorText(template)}\`: set it first). Istio needs the module from somewhere: an OCI registry, or a file in the pods.

It is written for Istio 1.20 or later (\`type\`, \`failStrategy\`; \`failurePolicy: reload\` needs 1.27). For an older
mesh set \`istioVersion\` in filterc.yaml (e.g. \`istioVersion: "1.18"\`): \`filterc build\` then leaves out the
fields that release rejects. Before applying, \`filterc doctor out --manifests k8s/\` checks the selector, the
sha256 and the plugin configuration against your manifests.

### From an OCI registry

Set the url in filterc.yaml (\`url: oci://${image}\`), then build, push an image whose one file is
\`plugin.wasm\`, and apply:

\`\`\`sh
filterc build ${options.name}.fw -o out
printf 'FROM scratch\\nCOPY filter.wasm ./plugin.wasm\\n' > out/Dockerfile
docker build -t ${image} out
docker push ${image}
kubectl apply -f out/wasmplugin.yaml
\`\`\`

For every change to the rules, push a new tag, set it in \`url\`, rebuild and apply: Istio caches a module by its
url and keeps using the one it has for a tag it has already seen.

### From a file in the pods

Without a \`url\`, the WasmPlugin loads \`file://${DEFAULT_WASM_PATH}\`. Put the module there:

${mountModuleSteps(options, template)}

Then apply the WasmPlugin:

\`\`\`sh
kubectl apply -f out/wasmplugin.yaml
\`\`\`

${istioUpdateSteps(options, template, "wasmplugin.yaml")}

### Check

${istioCheckSteps(options, template, "wasmplugin")}

To remove the filter: \`kubectl delete wasmplugin ${options.name} -n ${ns}\`.`;
  },
  configureSection: (options, template) => `The WasmPlugin carries the configuration in \`pluginConfig\`; Istio hands it to the running filter:

\`\`\`sh
kubectl patch wasmplugin ${options.name} -n ${namespaceOf(options, template)} --type merge -p '{"spec":{"pluginConfig":${JSON.stringify(template.configExample)}}}'
\`\`\`

\`filterc build\` writes the params' defaults there, so the next \`kubectl apply -f out/wasmplugin.yaml\` puts them back.`,
};
