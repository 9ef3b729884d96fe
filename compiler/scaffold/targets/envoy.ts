import { DEFAULT_ENVOY } from "../../emit/settings.js";
import type { Target } from "../target.js";
import { curlArguments } from "./try-it.js";

export const envoyTarget: Target = {
  id: "envoy",
  title: "plain Envoy",
  deployedWith: "a plain Envoy configuration",
  summary: "Envoy 1.33 or later without a mesh, or to try a filter on your machine",
  deploymentFile: "envoy.yaml",
  usesNamespace: false,
  projectSettings: (options) => `# The filter's name in envoy.yaml (Envoy's plugin and VM name).
name: ${options.name}

# out/envoy.yaml is a complete Envoy configuration: Envoy listens on listenPort and forwards every request
# to upstreamHost:upstreamPort, through the filter.
envoy:
  listenPort: ${DEFAULT_ENVOY.listenPort}
  upstreamHost: ${DEFAULT_ENVOY.upstreamHost}
  upstreamPort: ${DEFAULT_ENVOY.upstreamPort}

# fail-closed: when the filter cannot load or crashes, requests fail rather than pass unfiltered. Right for a
# filter that enforces something; fail-open lets traffic through without the filter.
failurePolicy: fail-closed
`,
  deploySection: (options, template) => {
    const listen = DEFAULT_ENVOY.listenPort;
    return `## Run it with Envoy

\`out/envoy.yaml\` is a complete Envoy configuration: a listener on port ${listen} that sends every request through
the filter to \`${DEFAULT_ENVOY.upstreamHost}:${DEFAULT_ENVOY.upstreamPort}\` (\`envoy\` in filterc.yaml sets both). It loads
\`filter.wasm\` by a relative path, so run Envoy in \`out/\`:

\`\`\`sh
filterc build ${options.name}.fw -o out
python3 -m http.server ${DEFAULT_ENVOY.upstreamPort} &      # any service on port ${DEFAULT_ENVOY.upstreamPort}, if you have none
(cd out && envoy -c envoy.yaml)
\`\`\`

or, without installing Envoy (inside a container 127.0.0.1 is the container itself: set
\`envoy.upstreamHost: host.docker.internal\` in filterc.yaml and rebuild first):

\`\`\`sh
docker run --rm -p ${listen}:${listen} --add-host=host.docker.internal:host-gateway \\
  -v "$PWD/out:/work" -w /work envoyproxy/envoy:v1.33-latest -c envoy.yaml
\`\`\`

Then, in another terminal:

\`\`\`sh
${curlArguments(template.tryIt, `http://localhost:${listen}`)}
\`\`\`

Look for ${template.tryIt.look}. Envoy 1.33 or later is needed: older versions refuse the \`failure_policy\` field.
After changing the rules, rebuild and restart Envoy.`;
  },
  configureSection: (_options, template) => `\`out/envoy.yaml\` carries the configuration as one JSON string, \`configuration.value\`, holding the params'
defaults. Change it, for example to \`'${JSON.stringify(template.configExample)}'\`, and restart Envoy; \`filterc build\` writes the
defaults back.`,
};
