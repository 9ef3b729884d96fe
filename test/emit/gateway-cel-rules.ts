/**
 * The x-kubernetes-validations (CEL) rules of Envoy Gateway's EnvoyExtensionPolicy CRD that ajv cannot evaluate
 * and that a generated policy could break, restated by hand: the messages the API server would give.
 */

type Obj = Record<string, unknown>;

const POLICY_KINDS = ["Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "UDPRoute", "TCPRoute", "TLSRoute"];

export function envoyExtensionPolicyCelViolations(resource: Obj): string[] {
  const spec = resource.spec as Obj;
  const out: string[] = [];
  const refs = spec.targetRefs as Obj[] | undefined;
  const selectors = spec.targetSelectors as unknown[] | undefined;
  const one = (spec.targetRef !== undefined) !== (refs !== undefined) || (selectors !== undefined && selectors.length > 0);
  if (!one) out.push("either targetRef or targetRefs must be used");
  for (const ref of refs ?? []) {
    if (ref.group !== "gateway.networking.k8s.io") out.push("this policy can only have a targetRefs[*].group of gateway.networking.k8s.io");
    if (!POLICY_KINDS.includes(ref.kind as string)) out.push("this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute");
  }
  for (const wasm of (spec.wasm as Obj[] | undefined) ?? []) {
    const code = wasm.code as Obj;
    if ((code.type === "HTTP") !== (code.http !== undefined)) out.push("If type is HTTP, http field needs to be set.");
    if ((code.type === "Image") !== (code.image !== undefined)) out.push("If type is Image, image field needs to be set.");
    const secret = (code.image as Obj | undefined)?.pullSecretRef as Obj | undefined;
    if (secret !== undefined && (secret.kind ?? "Secret") !== "Secret") out.push("only support Secret kind.");
  }
  return out;
}
