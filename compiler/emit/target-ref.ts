import type { TargetRef } from "./settings.js";

/**
 * The API group of the kinds a WasmPlugin can attach to. An omitted group means the core group (""), where no
 * Gateway lives, so a bare `kind: Gateway` would silently match nothing; filling the group in avoids that.
 */
const GROUP_OF_KIND: Readonly<Record<string, string>> = {
  Gateway: "gateway.networking.k8s.io",
  GatewayClass: "gateway.networking.k8s.io",
  ServiceEntry: "networking.istio.io",
  Service: "",
};

export function completeTargetRef(ref: TargetRef): TargetRef {
  const group = ref.group ?? GROUP_OF_KIND[ref.kind];
  return {
    ...(group !== undefined ? { group } : {}),
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
  };
}
