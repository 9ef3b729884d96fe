import { join } from "node:path";
import { repoRoot } from "./paths.js";

/**
 * A published schema the tests validate against, from the copies in test/schemas (see its README for sources and
 * licences). Kept in the repository so the checks run on a fresh clone: a missing copy fails the test that reads it.
 */
export function schemaCopy(name: "sarif-schema-2.1.0.json" | "istio-crds.yaml" | "envoy-gateway-envoyextensionpolicy-crd.yaml"): string {
  return join(repoRoot, "test", "schemas", name);
}
