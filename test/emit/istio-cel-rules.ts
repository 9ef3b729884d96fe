/**
 * The x-kubernetes-validations (CEL) rules of the Istio CRDs that ajv cannot evaluate and that generated
 * resources could break, restated by hand. Each returns the messages the API server would give.
 */

type Obj = Record<string, unknown>;

const URL_SCHEMES = ["", "http", "https", "oci", "file"];

export function wasmPluginCelViolations(resource: Obj): string[] {
  const spec = resource.spec as Obj;
  const out: string[] = [];
  const set = ["selector", "targetRef", "targetRefs"].filter((k) => spec[k] !== undefined).length;
  if (set > 1) out.push("only one of targetRefs or selector can be set");
  const url = spec.url as string;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? "";
  if (!URL_SCHEMES.includes(scheme)) out.push("url must have schema one of [http, https, file, oci]");
  out.push(...labelViolations(((spec.selector as Obj | undefined)?.matchLabels as Obj | undefined) ?? {}));
  out.push(...targetRefViolations(spec.targetRefs));
  return out;
}

/** TrafficExtension: the WasmPlugin's rules, with the wasm fields under spec.wasm, and exactly one of wasm or lua. */
export function trafficExtensionCelViolations(resource: Obj): string[] {
  const spec = resource.spec as Obj;
  const out: string[] = [];
  if (spec.selector !== undefined && spec.targetRefs !== undefined) out.push("only one of targetRefs or selector can be set");
  if ((spec.wasm !== undefined) === (spec.lua !== undefined)) out.push("exactly one of wasm or lua must be set");
  const url = ((spec.wasm as Obj | undefined)?.url as string | undefined) ?? "";
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? "";
  if (!URL_SCHEMES.includes(scheme)) out.push("url must have schema one of [http, https, file, oci]");
  out.push(...labelViolations(((spec.selector as Obj | undefined)?.matchLabels as Obj | undefined) ?? {}));
  out.push(...targetRefViolations(spec.targetRefs));
  return out;
}

export function envoyFilterCelViolations(resource: Obj): string[] {
  const spec = resource.spec as Obj;
  const out: string[] = [];
  if (spec.workloadSelector !== undefined && spec.targetRefs !== undefined) {
    out.push("only one of targetRefs or workloadSelector can be set");
  }
  for (const patch of (spec.configPatches as Obj[]) ?? []) {
    const match = (patch.match ?? {}) as Obj;
    if ((match.context === "WAYPOINT") !== (match.waypoint !== undefined)) out.push("only support waypointMatch when context is WAYPOINT");
  }
  out.push(...labelViolations(((spec.workloadSelector as Obj | undefined)?.labels as Obj | undefined) ?? {}));
  out.push(...targetRefViolations(spec.targetRefs));
  return out;
}

function labelViolations(labels: Obj): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (key.length === 0) out.push("key must not be empty");
    if (key.includes("*")) out.push("wildcard not allowed in label key match");
    if (String(value).includes("*")) out.push("wildcard not allowed in label value match");
  }
  return out;
}

function targetRefViolations(refs: unknown): string[] {
  return ((refs as Obj[] | undefined) ?? [])
    .filter((ref) => typeof ref.namespace === "string" && ref.namespace.length > 0)
    .map(() => "cross namespace referencing is not currently supported");
}
