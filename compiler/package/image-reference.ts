import { PackageCode, PackageError } from "./package-codes.js";

/** `--image REGISTRY/NAME:TAG`, split into what the OCI layout and the deployment files need. */
export interface ImageReference {
  /** As given: what `url` holds, after `oci://` for Istio and bare for Envoy Gateway. */
  readonly reference: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
}

// The grammar of distribution/reference (reference.go), which both Istio and Envoy Gateway parse with
// go-containerregistry's name.ParseReference: host components, an optional port, lower-case path components.
const HOST_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const HOST = `${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
const REFERENCE = new RegExp(`^(${HOST})/(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*):(${TAG})$`);

/**
 * Parses `--image`. A registry host is required: without one, `name:tag` means Docker Hub to a container runtime,
 * which is rarely where a filter is pushed, and the first path component would be taken for a host. A digest
 * reference (`@sha256:`) is refused: the digest is the one this command computes, so a given one could only differ.
 */
export function parseImageReference(text: string): ImageReference {
  const problem = (why: string, hint: string) => new PackageError(PackageCode.badImage, `--image ${JSON.stringify(text)} ${why}`, hint);
  const example = "registry.example.com/filters/add-header:1.0.0";
  if (text.startsWith("oci://")) throw problem("starts with oci://", `give the reference without a scheme (${text.slice(6)}); filterc adds oci:// where Istio wants it`);
  if (text.includes("@")) throw problem("has a digest", `give a tag, e.g. ${example}: the digest is the image's own, printed by filterc package`);
  if (!text.includes("/")) throw problem("has no registry", `name the registry and repository, e.g. ${example}`);
  const match = REFERENCE.exec(text);
  if (match === null) {
    const lastSlash = text.lastIndexOf("/");
    if (!text.slice(lastSlash + 1).includes(":")) throw problem("has no tag", `add one, e.g. ${text}:1.0.0`);
    if (/[A-Z]/.test(text.slice(text.indexOf("/") + 1).split(":")[0]!)) throw problem("has upper-case letters in the repository", `repositories are lower case: ${text.slice(0, text.indexOf("/") + 1)}${text.slice(text.indexOf("/") + 1).replace(/^[^:]*/, (path) => path.toLowerCase())}`);
    throw problem("is not an image reference", `use REGISTRY/NAME:TAG, e.g. ${example}`);
  }
  const [, registry, repository, tag] = match as unknown as [string, string, string, string];
  if (!registry.includes(".") && !registry.includes(":") && registry !== "localhost") {
    throw problem(`has no registry (${registry} is not a host name)`, `name the registry first, e.g. docker.io/${text} or ${example}`);
  }
  return { reference: text, registry, repository, tag };
}
