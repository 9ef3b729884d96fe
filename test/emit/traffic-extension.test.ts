import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitTrafficExtension, emitWasmPlugin, type DeploymentSettings, type EmitInput } from "../../compiler/emit/index.js";
import { SAMPLE_CONFIG, sampleInput } from "./fixtures.js";
import { trafficExtensionCelViolations } from "./istio-cel-rules.js";
import { crdValidator, errorText } from "./istio-crds.js";

const IMAGE = { reference: "registry.example.com/filters/add-header:1.0.0", manifestDigestHex: "c0ffee".padEnd(64, "0") };
const withImage = (input: EmitInput): EmitInput => ({ ...input, image: IMAGE });
const trafficExtension = (overrides: Partial<DeploymentSettings> = {}, image = false) => {
  const input = sampleInput(overrides);
  return parse(emitTrafficExtension(image ? withImage(input) : input).content);
};

describe("trafficextension.yaml against the Istio TrafficExtension CRD", () => {
  const validate = crdValidator("TrafficExtension", "extensions.istio.io/v1alpha1");
  const cases: [string, Partial<DeploymentSettings>, boolean][] = [
    ["defaults", {}, false],
    ["selector, port, phase, priority", { selector: { app: "httpbin" }, port: 8080, phase: "AUTHZ", priority: -5 }, false],
    ["gateway targetRefs", { context: "GATEWAY", targetRefs: [{ kind: "Gateway", name: "public" }], failurePolicy: "reload" }, false],
    ["waypoint Service and a ServiceEntry", { targetRefs: [{ kind: "Service", name: "reviews" }, { kind: "ServiceEntry", name: "ext" }] }, false],
    ["GatewayClass", { targetRefs: [{ kind: "GatewayClass", name: "istio" }] }, false],
    ["selector and targetRefs together", { selector: { app: "a" }, targetRefs: [{ kind: "ServiceEntry", name: "ext" }] }, false],
    ["an OCI image from filterc package", { selector: { app: "a" }, failurePolicy: "fail-open" }, true],
  ];
  it.each(cases)("%s is valid, CEL rules included", (_, overrides, image) => {
    const resource = trafficExtension(overrides, image);
    expect(validate(resource), errorText(validate)).toBe(true);
    expect(trafficExtensionCelViolations(resource)).toEqual([]);
  });

  it("the validator and the CEL rules reject what Istio rejects, so the passes above mean something", () => {
    const wrongPlace = trafficExtension();
    wrongPlace.spec.url = wrongPlace.spec.wasm.url;
    expect(validate(wrongPlace)).toBe(false);
    expect(errorText(validate)).toContain("additionalProperty");
    const both = trafficExtension({ selector: { app: "a" } });
    both.spec.targetRefs = [{ kind: "Gateway", name: "g" }];
    both.spec.lua = { inlineCode: "function envoy_on_request(h) end" };
    expect(trafficExtensionCelViolations(both)).toEqual(["only one of targetRefs or selector can be set", "exactly one of wasm or lua must be set"]);
    const badUrl = trafficExtension({ url: "ftp://x/y.wasm" });
    expect(trafficExtensionCelViolations(badUrl)).toEqual(["url must have schema one of [http, https, file, oci]"]);
  });
});

describe("TrafficExtension", () => {
  it("carries the WasmPlugin's wasm settings under spec.wasm and its attachment, phase, priority and match at the top", () => {
    const settings: Partial<DeploymentSettings> = { targetRefs: [{ kind: "Gateway", name: "public" }], context: "GATEWAY", port: 8443, phase: "AUTHN", priority: 7, failurePolicy: "reload", rootId: "root" };
    const input = sampleInput(settings);
    const plugin = parse(emitWasmPlugin(input).content).spec;
    const extension = parse(emitTrafficExtension(input).content).spec;
    expect(extension.wasm).toEqual({ url: plugin.url, sha256: plugin.sha256, pluginName: "root", failStrategy: "FAIL_RELOAD", type: "HTTP", pluginConfig: SAMPLE_CONFIG });
    expect(extension.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public" }]);
    expect([extension.phase, extension.priority]).toEqual(["AUTHN", 7]);
    expect(extension.match).toEqual([{ mode: "CLIENT", ports: [{ number: 8443 }] }]);
    expect(extension.match).toEqual(plugin.match);
  });

  it("with an image, loads oci://REFERENCE pinned by the manifest digest, as WasmPlugin does", () => {
    const input = withImage(sampleInput());
    const wasm = parse(emitTrafficExtension(input).content).spec.wasm;
    const plugin = parse(emitWasmPlugin(input).content).spec;
    expect(wasm.url).toBe(`oci://${IMAGE.reference}`);
    expect(wasm.sha256).toBe(IMAGE.manifestDigestHex);
    expect([plugin.url, plugin.sha256]).toEqual([wasm.url, wasm.sha256]);
    expect(emitTrafficExtension(input).content).toContain(`# image manifest digest: sha256:${IMAGE.manifestDigestHex}`);
  });

  it("leaves the module's sha256 out for an OCI url given without an image digest", () => {
    expect(trafficExtension({ url: "oci://r.example.com/f:1" }).spec.wasm.sha256).toBeUndefined();
  });
});
