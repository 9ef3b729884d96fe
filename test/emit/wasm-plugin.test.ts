import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitWasmPlugin, type DeploymentSettings } from "../../compiler/emit/index.js";
import { emitParsed, SAMPLE_CONFIG, SAMPLE_WASM, sampleInput } from "./fixtures.js";
import { wasmPluginCelViolations } from "./istio-cel-rules.js";
import { crdValidator, errorText } from "./istio-crds.js";

const sha = createHash("sha256").update(SAMPLE_WASM).digest("hex");
const wasmPlugin = (overrides: Partial<DeploymentSettings> = {}) => emitParsed(sampleInput(overrides))["wasmplugin.yaml"]!;

describe("wasmplugin.yaml against the Istio WasmPlugin CRD", () => {
  const validate = crdValidator("WasmPlugin", "extensions.istio.io/v1alpha1");
  const cases: [string, Partial<DeploymentSettings>][] = [
    ["defaults", {}],
    ["selector, port, phase, priority", { selector: { app: "httpbin" }, port: 8080, phase: "AUTHZ", priority: -5 }],
    ["gateway targetRefs", { context: "GATEWAY", targetRefs: [{ kind: "Gateway", name: "public" }], failurePolicy: "reload" }],
    ["selector and targetRefs together", { selector: { app: "a" }, targetRefs: [{ kind: "ServiceEntry", name: "ext" }] }],
    ["https url", { url: "https://example.com/f.wasm", failurePolicy: "fail-open" }],
    ["oci url", { url: "oci://registry.example.com/filters/add-header:1.0" }],
  ];
  it.each(cases)("%s is valid", (_, overrides) => {
    const resource = wasmPlugin(overrides);
    expect(validate(resource), errorText(validate)).toBe(true);
    expect(wasmPluginCelViolations(resource)).toEqual([]);
  });

  it("the validator rejects Envoy's spelling of the failure policy, so the passes above mean something", () => {
    const resource = wasmPlugin();
    resource.spec.failStrategy = "FAIL_CLOSED";
    expect(validate(resource)).toBe(false);
    expect(errorText(validate)).toContain("/spec/failStrategy");
  });
});

describe("WasmPlugin", () => {
  it("loads the module from the pod by default and pins its sha256", () => {
    const spec = wasmPlugin().spec;
    expect(spec.url).toBe("file:///var/local/filter.wasm");
    expect(spec.sha256).toBe(sha);
    expect(spec.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(wasmPlugin({ wasmPath: "/opt/f.wasm" }).spec.url).toBe("file:///opt/f.wasm");
  });

  it("leaves the sha256 out for OCI urls, where Istio compares it with the manifest digest", () => {
    expect(wasmPlugin({ url: "oci://r.example.com/f:1" }).spec.sha256).toBeUndefined();
    expect(wasmPlugin({ url: "r.example.com/f:1" }).spec.sha256).toBeUndefined();
    expect(wasmPlugin({ url: "https://r.example.com/f.wasm" }).spec.sha256).toBe(sha);
  });

  it("passes the parameters' defaults as pluginConfig and rootId as pluginName", () => {
    const spec = wasmPlugin({ rootId: "add_header_root" }).spec;
    expect(spec.pluginConfig).toEqual(SAMPLE_CONFIG);
    expect(spec.pluginName).toBe("add_header_root");
    expect(spec.type).toBe("HTTP");
  });

  it.each([
    ["fail-closed", "FAIL_CLOSE"],
    ["fail-open", "FAIL_OPEN"],
    ["reload", "FAIL_RELOAD"],
  ] as const)("spells failure policy %s as %s", (policy, spelling) => {
    expect(wasmPlugin({ failurePolicy: policy }).spec.failStrategy).toBe(spelling);
  });

  it.each([
    ["SIDECAR_INBOUND", "SERVER"],
    ["SIDECAR_OUTBOUND", "CLIENT"],
    ["GATEWAY", "CLIENT"],
  ] as const)("matches context %s with mode %s, and the port when set", (context, mode) => {
    expect(wasmPlugin({ context }).spec.match).toEqual([{ mode }]);
    expect(wasmPlugin({ context, port: 9080 }).spec.match).toEqual([{ mode, ports: [{ number: 9080 }] }]);
  });

  it("uses a selector or targetRefs, never both", () => {
    expect(wasmPlugin({ selector: { app: "a" } }).spec.selector).toEqual({ matchLabels: { app: "a" } });
    const both = wasmPlugin({ selector: { app: "a" }, targetRefs: [{ kind: "Gateway", name: "gw" }] }).spec;
    expect(both.selector).toBeUndefined();
    expect(both.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gw" }]);
    const neither = wasmPlugin().spec;
    expect(neither.selector).toBeUndefined();
    expect(neither.targetRefs).toBeUndefined();
  });

  it("fills in the usual API group of a target kind and keeps an explicit one", () => {
    const refs = wasmPlugin({
      targetRefs: [
        { kind: "GatewayClass", name: "istio" },
        { kind: "ServiceEntry", name: "ext" },
        { kind: "Service", name: "svc" },
        { group: "example.com", kind: "Gateway", name: "custom" },
        { kind: "Unknown", name: "x" },
      ],
    }).spec.targetRefs;
    expect(refs).toEqual([
      { group: "gateway.networking.k8s.io", kind: "GatewayClass", name: "istio" },
      { group: "networking.istio.io", kind: "ServiceEntry", name: "ext" },
      { group: "", kind: "Service", name: "svc" },
      { group: "example.com", kind: "Gateway", name: "custom" },
      { kind: "Unknown", name: "x" },
    ]);
  });

  it("leaves phase and priority to Istio unless set", () => {
    const spec = wasmPlugin().spec;
    expect("phase" in spec).toBe(false);
    expect("priority" in spec).toBe(false);
    expect(wasmPlugin({ phase: "STATS", priority: 0 }).spec).toMatchObject({ phase: "STATS", priority: 0 });
  });

  it("quotes strings YAML 1.1 would read as something else (kubectl parses YAML 1.1)", () => {
    const input = sampleInput({ selector: { enabled: "yes", version: "0755" } });
    const text = emitWasmPlugin(input).content;
    expect(text).toContain('mode: "on"');
    const asYaml11 = parse(text, { version: "1.1" });
    expect(asYaml11.spec.pluginConfig.mode).toBe("on");
    expect(asYaml11.spec.selector.matchLabels).toEqual({ enabled: "yes", version: "0755" });
  });
});
