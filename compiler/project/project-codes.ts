import type { CodeDoc } from "../../grammar/diagnostic.js";

/** Stable codes of the project-file diagnostics (E0501..E0599). */
export const ProjectCode = {
  yamlSyntax: "E0501",
  notAMap: "E0502",
  unknownKey: "E0503",
  wrongType: "E0504",
  notAllowedValue: "E0505",
  malformedValue: "E0506",
  outOfRange: "E0507",
  missingKey: "E0508",
  tooManyEntries: "E0509",
  duplicateKey: "E0510",
  ineffectiveSetting: "E0511",
  unknownParam: "E0512",
} as const;

export const PROJECT_CODES: Record<string, CodeDoc> = {
  E0501: {
    title: "filterc.yaml is not valid YAML",
    explanation: `The project file could not be parsed as YAML, so none of its settings were read.

Incorrect:

\`\`\`yaml
selector:
  app: httpbin
   version: v1
\`\`\`

Correct:

\`\`\`yaml
selector:
  app: httpbin
  version: v1
\`\`\`

Check indentation (spaces only, the same depth for keys of one map) and quote values that contain \`: \` or
start with a character YAML reserves (\`@\`, \`\`\`\`, \`*\`, \`&\`, \`!\`, \`%\`).`,
  },
  E0502: {
    title: "filterc.yaml must be a map of settings",
    explanation: `The top level of the project file must be a map from setting names to values. A list or a single
value is not a set of settings.

Incorrect:

\`\`\`yaml
- name: add-header
\`\`\`

Correct:

\`\`\`yaml
name: add-header
\`\`\``,
  },
  E0503: {
    title: "unknown key",
    explanation: `The key is not a filterc setting here. It is often a misspelling, or the spelling Istio or Envoy use
for the same setting (\`failStrategy\`, \`root_id\`, \`workloadSelector\`); the hint names the filterc key.

Incorrect:

\`\`\`yaml
namspace: shop
failStrategy: FAIL_OPEN
\`\`\`

Correct:

\`\`\`yaml
namespace: shop
failurePolicy: fail-open
\`\`\`

The keys are listed in docs/deploy.md and in schemas/filterc.schema.json.`,
  },
  E0504: {
    title: "value has the wrong type",
    explanation: `The setting needs a different kind of value: a number where a string was given, a map where a list was
given, or nothing at all.

Incorrect:

\`\`\`yaml
port: "8080"     # a string
selector:
  version: 2     # label values are strings
\`\`\`

Correct:

\`\`\`yaml
port: 8080
selector:
  version: "2"
\`\`\``,
  },
  E0505: {
    title: "value is not one of the allowed choices",
    explanation: `The setting takes one of a fixed set of values, and this is not one of them. The message lists them.
filterc's own spellings are used even where Istio's differ: \`failurePolicy: fail-closed\`, not \`FAIL_CLOSE\`.

Incorrect:

\`\`\`yaml
failurePolicy: FAIL_CLOSE
context: inbound
\`\`\`

Correct:

\`\`\`yaml
failurePolicy: fail-closed
context: SIDECAR_INBOUND
\`\`\``,
  },
  E0506: {
    title: "value is malformed",
    explanation: `The value has the right type but not the right shape, and Kubernetes, Istio or Envoy would reject it:

- \`name\`, \`namespace\`: a DNS-1123 label: lower-case letters, digits and \`-\`, starting and ending with a
  letter or digit, at most 63 characters;
- \`selector\`: label keys and values as Kubernetes defines them (no \`*\`, values at most 63 characters);
- \`wasmPath\`: an absolute path;
- \`url\`: \`file://\`, \`http://\`, \`https://\` or \`oci://\`, or an OCI image reference without a scheme;
- \`envoy.upstreamHost\`: an IP address or host name, without scheme or port.

Incorrect:

\`\`\`yaml
name: Add_Header
url: ftp://example.com/filter.wasm
\`\`\`

Correct:

\`\`\`yaml
name: add-header
url: https://example.com/filter.wasm
\`\`\``,
  },
  E0507: {
    title: "number out of range",
    explanation: `Ports are 1 to 65535; \`priority\` is a 32-bit signed integer.

Incorrect:

\`\`\`yaml
port: 80800
\`\`\`

Correct:

\`\`\`yaml
port: 8080
\`\`\``,
  },
  E0508: {
    title: "required key missing",
    explanation: `An entry lacks a key it cannot do without. Every \`targetRefs\` entry needs \`kind\` and \`name\`.

Incorrect:

\`\`\`yaml
targetRefs:
  - name: my-gateway
\`\`\`

Correct:

\`\`\`yaml
targetRefs:
  - kind: Gateway
    name: my-gateway
\`\`\``,
  },
  E0509: {
    title: "too many or too few entries",
    explanation: `A list or map has more entries than Istio accepts (at most 16 \`targetRefs\`, 256 \`selector\` labels),
or a list that must not be empty is empty.

Incorrect:

\`\`\`yaml
targetRefs: []
\`\`\`

Correct: remove the key, or list at least one target.`,
  },
  E0510: {
    title: "duplicate key",
    explanation: `The same key appears twice in one map. YAML does not allow it, and it is unclear which value was meant.

Incorrect:

\`\`\`yaml
port: 8080
port: 9090
\`\`\`

Correct: keep one of them.`,
  },
  E0511: {
    title: "setting has no effect with the other settings",
    explanation: `The setting is valid but the combination cannot express it. \`failurePolicy: reload\` has no spelling in the
legacy EnvoyFilter form (\`envoyFilterFormat: legacy\`), which only knows fail open or fail closed; the legacy
filter fails closed. This is a warning.

Incorrect:

\`\`\`yaml
envoyFilterFormat: legacy
failurePolicy: reload
\`\`\`

Correct: use the typed form on meshes that support FAIL_RELOAD (Istio 1.25+), or choose \`fail-closed\` or
\`fail-open\` explicitly.`,
  },
  E0512: {
    title: "pluginConfig key that no param declares",
    explanation: `Every key of \`pluginConfig\` (except \`disabled_rules\`) sets a \`param\` of the rule file. The filter ignores
a key that no param declares, so a misspelt key would silently keep the param's default in production.
\`filterc build\` refuses it and suggests the closest param.

Incorrect (the rule file declares \`param maintenance_bypass = false\`):

\`\`\`yaml
pluginConfig:
  maintenanse_bypass: true
\`\`\`

Correct:

\`\`\`yaml
pluginConfig:
  maintenance_bypass: true
\`\`\``,
  },
};
