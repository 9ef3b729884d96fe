import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultSettings, emitDeployment, envoyFailurePolicy, nameFromRuleFile, sha256Hex, wasmPluginFailStrategy } from "../../compiler/emit/index.js";
import { moduleOf, SAMPLE_WASM, sampleInput } from "./fixtures.js";

describe("emitDeployment", () => {
  it("writes the three files in a fixed order", () => {
    expect(emitDeployment(sampleInput()).map((f) => f.name)).toEqual(["envoyfilter.yaml", "wasmplugin.yaml", "envoy.yaml"]);
  });

  it("is deterministic: the same input gives the same bytes, whatever order the settings were built in", () => {
    const input = sampleInput({ selector: { b: "2", a: "1" }, port: 8080, phase: "AUTHN", priority: 3 });
    const reordered = { ...input, settings: Object.fromEntries(Object.entries(input.settings).reverse()) as typeof input.settings };
    const first = emitDeployment(input);
    expect(emitDeployment(input)).toEqual(first);
    expect(emitDeployment(structuredClone(reordered))).toEqual(first);
  });

  it("changes every file's digest line when the module changes", () => {
    const wasm = new Uint8Array([...SAMPLE_WASM, 0]);
    const digest = createHash("sha256").update(wasm).digest("hex");
    const other = { ...sampleInput(), module: moduleOf(wasm) };
    const before = emitDeployment(sampleInput());
    const after = emitDeployment(other);
    after.forEach((file, i) => {
      expect(file.content).toContain(`# wasm sha256: ${digest}`);
      expect(file.content).not.toEqual(before[i]!.content);
    });
  });

  it("does not modify its input", () => {
    const input = sampleInput({ selector: { app: "a" }, targetRefs: [{ kind: "Gateway", name: "g" }] });
    const copy = structuredClone(input);
    emitDeployment(input);
    expect(input).toEqual(copy);
  });
});

describe("sha256Hex", () => {
  it("is the lower-case hex digest", () => {
    expect(sha256Hex(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("failure policy spellings", () => {
  it("differ between Envoy and Istio for fail-closed only", () => {
    expect(["fail-closed", "fail-open", "reload"].map((p) => envoyFailurePolicy(p as never))).toEqual(["FAIL_CLOSED", "FAIL_OPEN", "FAIL_RELOAD"]);
    expect(["fail-closed", "fail-open", "reload"].map((p) => wasmPluginFailStrategy(p as never))).toEqual(["FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD"]);
  });
});

describe("defaultSettings", () => {
  it("derives a DNS-1123 name from the rule file and fills every default", () => {
    expect(defaultSettings("rules/Add_Header.v2.fw")).toEqual({
      name: "add-header-v2",
      namespace: "default",
      context: "SIDECAR_INBOUND",
      wasmPath: "/var/local/filter.wasm",
      failurePolicy: "fail-closed",
      rootId: "add-header-v2",
      envoyFilterFormat: "typed",
      envoy: { listenPort: 10000, upstreamHost: "127.0.0.1", upstreamPort: 8080, adminPort: 9901, wasmFile: "filter.wasm" },
    });
  });

  it.each([
    ["C:\\rules\\Auth.fw", "auth"],
    ["--weird__name--.fw", "weird-name"],
    ["ÄÖÜ.fw", "filterc-filter"],
    [`${"a".repeat(70)}-b.fw`, "a".repeat(63)],
    [`${"a".repeat(62)}-b.fw`, "a".repeat(62)],
  ])("names %s %s", (file, name) => {
    expect(nameFromRuleFile(file)).toBe(name);
  });
});
