import { DEFAULT_NAMESPACE } from "../emit/settings.js";

export { DEFAULT_NAMESPACE };

/** What `scaffold` needs to know about the project it writes. */
export interface ScaffoldOptions {
  readonly template: TemplateId;
  readonly target: TargetId;
  /** The filter's name: the rule file is `<name>.fw`, and the Kubernetes resources are called this. */
  readonly name: string;
  /** Kubernetes namespace of the Istio resources; DEFAULT_NAMESPACE when not given. */
  readonly namespace?: string;
  /** The filterc version CI installs, so CI builds with the version the project was written for. */
  readonly filtercVersion: string;
  /**
   * Where the project sits inside its git repository (a relative POSIX path), when not at the repository root.
   * GitHub reads workflows only from the root, so the workflow then runs its steps in this directory.
   */
  readonly repositorySubdirectory?: string;
}

export const TEMPLATE_IDS = ["hello", "security-headers", "auth-gate", "canary"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const TARGET_IDS = ["envoyfilter", "wasmplugin", "envoy"] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** What `--yes` chooses: the smallest filter, deployed the way current Istio recommends. */
export const DEFAULT_TEMPLATE: TemplateId = "hello";
export const DEFAULT_TARGET: TargetId = "wasmplugin";

export function isTemplateId(value: string): value is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function isTargetId(value: string): value is TargetId {
  return (TARGET_IDS as readonly string[]).includes(value);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `value` cannot be a name or namespace, or undefined when it can. Both become Kubernetes object names, so
 * they must be DNS-1123 labels; the name is also the rule file's name.
 */
export function labelProblem(value: string): string | undefined {
  if (value.length === 0) return "it is empty";
  if (value.length > 63) return `it is ${value.length} characters long; the limit is 63`;
  if (!DNS_LABEL.test(value)) return "use lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/**
 * A name made from a directory name (`My Gateway_Filters` -> `my-gateway-filters`), or undefined when nothing
 * usable is left (`.`, `___`).
 */
export function nameFromDirectory(directoryName: string): string | undefined {
  const name = directoryName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return name.length > 0 ? name : undefined;
}
