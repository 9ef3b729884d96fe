import type { DeploymentSettings } from "./settings.js";

/** Lets `kubectl get envoyfilter,wasmplugin -l app.kubernetes.io/managed-by=filterc` find everything we made. */
export const MANAGED_BY_LABEL = { "app.kubernetes.io/managed-by": "filterc" } as const;

export function kubernetesMetadata(settings: DeploymentSettings): Record<string, unknown> {
  return { name: settings.name, namespace: settings.namespace, labels: { ...MANAGED_BY_LABEL } };
}
