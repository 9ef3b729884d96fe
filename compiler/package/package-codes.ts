import type { CodeDoc } from "../../grammar/diagnostic.js";

export const PackageCode = {
  badImage: "E0630",
  configMapTooLarge: "E0631",
  ociOutput: "E0632",
  policyTarget: "E0633",
  policyCode: "E0634",
} as const;

/**
 * A packaging problem: a flag value or an output that cannot hold the package. These have no place in a rule file,
 * so they carry a code and a hint but no line; `usage` says whether a flag caused it (exit 2) or the input (exit 1).
 */
export class PackageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly usage = true,
  ) {
    super(message);
    this.name = "PackageError";
  }
}

/** How the CLI shows one: like a diagnostic, without the source lines it does not have. */
export function renderPackageError(error: PackageError): string {
  return `error[${error.code}]: ${error.message}\n  = hint: ${error.hint}\n`;
}

export const PACKAGE_CODES: Record<string, CodeDoc> = {
  E0630: {
    title: "an --image value that is not REGISTRY/NAME:TAG",
    explanation: `\`filterc package --image\` names where the OCI image will be pushed; the generated WasmPlugin and
TrafficExtension load it as \`oci://\` plus the reference, and the EnvoyExtensionPolicy as the bare reference. It must
name a registry host, a lower-case repository and a tag, with no scheme and no digest: the digest is the one
\`filterc package\` computes and prints.

Incorrect:

    filterc package rules.fw --oci image/ --image add-header
    filterc package rules.fw --oci image/ --image oci://registry.example.com/add-header:1.0

Correct:

    filterc package rules.fw --oci image/ --image registry.example.com/filters/add-header:1.0.0
`,
  },
  E0631: {
    title: "a module too large for a ConfigMap",
    explanation: `Kubernetes refuses a ConfigMap whose data is larger than 1 MiB (1,048,576 bytes), so
\`filterc package --configmap\` refuses a filter.wasm above that size and writes nothing.

Incorrect:

    filterc package big.fw --configmap      # filter.wasm is 1.2 MB

Correct: ship the module in an OCI image instead (\`--oci image/ --image registry.example.com/f:1\`), or make it
smaller (\`--optimize size\`, fewer or shorter list params).
`,
  },
  E0632: {
    title: "an --oci output that cannot hold the image",
    explanation: `\`--oci PATH\` writes an OCI image layout: a directory (oci-layout, index.json, blobs/sha256/...), or
the same layout as one tar file when PATH ends in \`.tar\`. A directory that holds other files is refused rather than
mixed with the image, and so is a \`.tar\` path that is a directory.

Incorrect:

    filterc package rules.fw --oci src/          # src/ holds other files
    filterc package rules.fw --oci out.tar       # out.tar/ is a directory

Correct:

    filterc package rules.fw --oci image/
    filterc package rules.fw --oci image.tar
`,
  },
  E0633: {
    title: "an EnvoyExtensionPolicy with nothing to attach to",
    explanation: `Envoy Gateway's EnvoyExtensionPolicy must name the Gateway or HTTPRoute it applies to
(\`targetRefs\`, group gateway.networking.k8s.io). \`--target envoyextensionpolicy\` without one is refused; without
\`--target\`, envoyextensionpolicy.yaml is left out with a note.

Incorrect:

    filterc package rules.fw --oci image/ --image r.example.com/f:1 --target envoyextensionpolicy

Correct:

    filterc package rules.fw --oci image/ --image r.example.com/f:1 --target envoyextensionpolicy --policy-target-ref HTTPRoute/backend
`,
  },
  E0634: {
    title: "an EnvoyExtensionPolicy with no code source Envoy Gateway can load",
    explanation: `Envoy Gateway loads a wasm module from an OCI image or over HTTP(S), never from a file inside the proxy,
so the EnvoyExtensionPolicy needs \`--image\` (with \`filterc package --oci\`) or an \`http://\`/\`https://\` \`--url\`.

Incorrect:

    filterc build rules.fw --target envoyextensionpolicy --policy-target-ref Gateway/eg

Correct:

    filterc package rules.fw --oci image/ --image r.example.com/f:1 --target envoyextensionpolicy --policy-target-ref Gateway/eg
`,
  },
};
