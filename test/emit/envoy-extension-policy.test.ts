import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitEnvoyExtensionPolicy, policyUnavailable, type DeploymentSettings, type EmitInput } from "../../compiler/emit/index.js";
import { loadProjectFile, resolveSettings } from "../../compiler/project/index.js";
import { Source } from "../../grammar/source.js";
import { schemaCopy } from "../support/schemas.js";
import { SAMPLE_CONFIG, sampleInput } from "./fixtures.js";
import { envoyExtensionPolicyCelViolations } from "./gateway-cel-rules.js";
import { crdValidator, errorText } from "./istio-crds.js";

const IMAGE = { reference: "registry.example.com/filters/add-header:1.0.0", manifestDigestHex: "ab".repeat(32) };
const HTTP_ROUTE = { policyTargetRefs: [{ kind: "HTTPRoute", name: "backend" }] } satisfies Partial<DeploymentSettings>;
const input = (overrides: Partial<DeploymentSettings>, image = true): EmitInput => ({ ...sampleInput(overrides), ...(image ? { image: IMAGE } : {}) });
const policy = (overrides: Partial<DeploymentSettings> = HTTP_ROUTE, image = true) => parse(emitEnvoyExtensionPolicy(input(overrides, image)).content);

describe("envoyextensionpolicy.yaml against Envoy Gateway's EnvoyExtensionPolicy CRD", () => {
  const validate = crdValidator("EnvoyExtensionPolicy", "gateway.envoyproxy.io/v1alpha1", schemaCopy("envoy-gateway-envoyextensionpolicy-crd.yaml"));
  const cases: [string, Partial<DeploymentSettings>, boolean][] = [
    ["an image, an HTTPRoute", HTTP_ROUTE, true],
    ["an image, a Gateway from the Istio targetRefs", { targetRefs: [{ kind: "Gateway", name: "eg" }], failurePolicy: "fail-open" }, true],
    ["an https url", { ...HTTP_ROUTE, url: "https://wasm.example.com/add-header.wasm", failurePolicy: "reload" }, false],
  ];
  it.each(cases)("%s is valid, CEL rules included", (_, overrides, image) => {
    const resource = policy(overrides, image);
    expect(validate(resource), errorText(validate)).toBe(true);
    expect(envoyExtensionPolicyCelViolations(resource)).toEqual([]);
  });

  it("the validator and the CEL rules reject what Envoy Gateway rejects, so the passes above mean something", () => {
    const resource = policy();
    resource.spec.wasm[0].code.type = "HTTP";
    resource.spec.targetRefs[0].group = "";
    expect(envoyExtensionPolicyCelViolations(resource)).toEqual([
      "this policy can only have a targetRefs[*].group of gateway.networking.k8s.io",
      "If type is HTTP, http field needs to be set.",
      "If type is Image, image field needs to be set.",
    ]);
    resource.spec.wasm[0].failOpen = "no";
    expect(validate(resource)).toBe(false);
    expect(errorText(validate)).toContain("/spec/wasm/0/failOpen");
  });
});

describe("EnvoyExtensionPolicy", () => {
  it("pulls the image by its reference without a scheme, pinned by the manifest digest", () => {
    const wasm = policy().spec.wasm[0];
    expect(wasm.code).toEqual({ type: "Image", image: { url: IMAGE.reference, sha256: IMAGE.manifestDigestHex } });
    expect(wasm).toMatchObject({ name: "add-header", rootID: "add-header", failOpen: false, config: SAMPLE_CONFIG });
  });

  it("loads an https url pinned by the module's sha256", () => {
    const resource = policy({ ...HTTP_ROUTE, url: "https://wasm.example.com/f.wasm" }, false);
    expect(resource.spec.wasm[0].code).toEqual({ type: "HTTP", http: { url: "https://wasm.example.com/f.wasm", sha256: sampleInput().module.sha256 } });
  });

  it("fails open only for fail-open; reload fails closed, with a comment saying so", () => {
    expect(policy({ ...HTTP_ROUTE, failurePolicy: "fail-open" }).spec.wasm[0].failOpen).toBe(true);
    const reload = emitEnvoyExtensionPolicy(input({ ...HTTP_ROUTE, failurePolicy: "reload" })).content;
    expect(parse(reload).spec.wasm[0].failOpen).toBe(false);
    expect(reload).toContain("Envoy Gateway has no reload policy");
  });

  it("attaches to the policy targets, else the Gateways among the Istio targetRefs", () => {
    expect(policy({ ...HTTP_ROUTE, targetRefs: [{ kind: "Gateway", name: "ignored" }] }).spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "backend" }]);
    expect(policy({ targetRefs: [{ kind: "ServiceEntry", name: "x" }, { kind: "Gateway", name: "eg" }] }).spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "eg" }]);
  });

  it("is unavailable without a target, or with only a file in the proxy to load", () => {
    expect(policyUnavailable(input({}))?.[0]).toBe("target");
    expect(policyUnavailable(input(HTTP_ROUTE, false))?.[0]).toBe("code");
    expect(policyUnavailable(input({ ...HTTP_ROUTE, url: "file:///var/local/filter.wasm" }, false))?.[0]).toBe("code");
    expect(policyUnavailable(input(HTTP_ROUTE))).toBeUndefined();
  });
});

describe("policyTargetRefs in filterc.yaml", () => {
  it("are checked by the project schema and reach the policy", () => {
    const file = loadProjectFile(new Source("filterc.yaml", "policyTargetRefs:\n  - kind: Gateway\n    name: eg\n"));
    expect(file.diagnostics).toEqual([]);
    const settings = resolveSettings("rules/guard.fw", file.settings, {});
    const resource = parse(emitEnvoyExtensionPolicy({ ...sampleInput(), settings, image: IMAGE }).content);
    expect(resource.spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "eg" }]);
    const wrong = loadProjectFile(new Source("filterc.yaml", "policyTargetRefs:\n  - kind: Service\n    name: eg\n"));
    expect(wrong.diagnostics.length).toBeGreaterThan(0);
    expect(wrong.diagnostics[0]!.message).toContain("kind");
  });
});
