import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { schemaCopy } from "../support/schemas.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Istio's CRDs (istio/api), copied into test/schemas: the CRD tests fail, never skip, without it. */
export const crdFile = schemaCopy("istio-crds.yaml");

type Schema = Record<string, unknown>;

/**
 * A validator for one Istio resource kind, from the openAPIV3Schema in its CRD. Kubernetes drops (or, with
 * strict field validation, rejects) fields a structural schema does not declare; JSON Schema allows them. To
 * catch a misspelt field the way `kubectl apply --validate=strict` would, every object that neither declares
 * additionalProperties nor preserves unknown fields is closed here. apiVersion, kind and metadata, which the
 * API server checks itself, are added as the root's properties.
 */
export function crdValidator(kind: string, apiVersion: string, file: string = crdFile): ValidateFunction {
  const crd = parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => d.toJS() as Schema)
    .find((d) => (d.spec as Schema | undefined)?.names !== undefined && ((d.spec as Schema).names as Schema).kind === kind);
  if (crd === undefined) throw new Error(`no CRD for ${kind} in ${file}`);
  const version = ((crd.spec as Schema).versions as Schema[]).find((v) => `${(crd.spec as Schema).group}/${v.name}` === apiVersion);
  if (version === undefined) throw new Error(`no ${apiVersion} version in the ${kind} CRD`);
  const schema = structuredClone((version.schema as Schema).openAPIV3Schema as Schema);
  const dnsLabel = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 };
  schema.properties = {
    apiVersion: { const: apiVersion },
    kind: { const: kind },
    metadata: {
      type: "object",
      required: ["name"],
      properties: { name: dnsLabel, namespace: dnsLabel, labels: { type: "object", additionalProperties: { type: "string" } } },
    },
    ...(schema.properties as Schema),
  };
  schema.required = ["apiVersion", "kind", "metadata", ...((schema.required as string[] | undefined) ?? [])];
  close(schema);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const keyword of [
    "x-kubernetes-validations",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-int-or-string",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-map-type",
  ]) {
    ajv.addKeyword(keyword);
  }
  return ajv.compile(schema);
}

function close(schema: Schema): void {
  if (schema.properties !== undefined && schema.additionalProperties === undefined && schema["x-kubernetes-preserve-unknown-fields"] !== true) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) value.forEach((v) => isSchema(v) && close(v));
    else if (isSchema(value)) close(value);
  }
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** ajv's errors as one readable line each, for assertion messages. */
export function errorText(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("\n");
}
