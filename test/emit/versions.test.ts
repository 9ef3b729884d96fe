import { describe, expect, it } from "vitest";
import type { DeploymentSettings } from "../../compiler/emit/index.js";
import { fitVersions } from "../../compiler/emit/version-fit.js";
import { envoyOfIstio, importSupport, parseReleaseLine, versionsOf } from "../../compiler/emit/versions.js";
import { loadProjectFile } from "../../compiler/project/index.js";
import { Source } from "../../grammar/source.js";
import { emitParsed, sampleInput } from "./fixtures.js";
import { crdValidator, errorText } from "./istio-crds.js";

const emitted = (overrides: Partial<DeploymentSettings>) => emitParsed(sampleInput(overrides));
const pluginConfig = (file: Record<string, any>) => file.spec.configPatches[0].patch.value.typed_config.config;
const span = { istio: { start: 0, end: 4 }, envoy: { start: 5, end: 9 } };
const settingsOf = (overrides: Partial<DeploymentSettings>) => sampleInput(overrides).settings;
const fit = (overrides: Partial<DeploymentSettings>, targets = ["envoyfilter", "wasmplugin", "envoy"] as const, asked = false, holds = false) =>
  fitVersions(settingsOf(overrides), versionsOf(settingsOf(overrides)), targets, asked, holds, span);

describe("release lines", () => {
  it("reads x.y, x.y.z and a v prefix, and nothing else", () => {
    expect(parseReleaseLine("1.25")).toEqual({ major: 1, minor: 25 });
    expect(parseReleaseLine("v1.33.2")).toEqual({ major: 1, minor: 33 });
    expect(parseReleaseLine("1.x")).toBeUndefined();
    expect(parseReleaseLine("125")).toBeUndefined();
  });

  it("Istio 1.x ships Envoy 1.(x+8)", () => {
    expect(envoyOfIstio({ major: 1, minor: 25 })).toEqual({ major: 1, minor: 33 });
  });
});

describe("WasmPlugin fields by Istio release", () => {
  const validate = crdValidator("WasmPlugin", "extensions.istio.io/v1alpha1");

  it("writes every field when no release is named", () => {
    const spec = emitted({})["wasmplugin.yaml"]!.spec;
    expect(Object.keys(spec)).toEqual(expect.arrayContaining(["failStrategy", "type", "match"]));
  });

  it("Istio 1.19 gets match but neither type nor failStrategy, which its API server rejects", () => {
    const resource = emitted({ istioVersion: "1.19" })["wasmplugin.yaml"]!;
    expect(resource.spec.match).toEqual([{ mode: "SERVER" }]);
    expect(resource.spec.type).toBeUndefined();
    expect(resource.spec.failStrategy).toBeUndefined();
    expect(validate(resource), errorText(validate)).toBe(true);
  });

  it("Istio 1.15 gets no match either; 1.20 gets all three", () => {
    expect(emitted({ istioVersion: "1.15" })["wasmplugin.yaml"]!.spec.match).toBeUndefined();
    const spec = emitted({ istioVersion: "1.20.4" })["wasmplugin.yaml"]!.spec;
    expect([spec.type, spec.failStrategy, spec.match]).toEqual(["HTTP", "FAIL_CLOSE", [{ mode: "SERVER" }]]);
  });
});

describe("the Envoy PluginConfig by Envoy release", () => {
  it("failure_policy from Envoy 1.33 (Istio 1.25); before, fail_open for fail-open and nothing for fail-closed", () => {
    expect(pluginConfig(emitted({ istioVersion: "1.25" })["envoyfilter.yaml"]!).failure_policy).toBe("FAIL_CLOSED");
    const old = pluginConfig(emitted({ istioVersion: "1.24" })["envoyfilter.yaml"]!);
    expect(old.failure_policy).toBeUndefined();
    expect(old.fail_open).toBeUndefined();
    const open = pluginConfig(emitted({ envoyVersion: "1.32", failurePolicy: "fail-open" })["envoyfilter.yaml"]!);
    expect(open).toMatchObject({ fail_open: true });
    expect(open.failure_policy).toBeUndefined();
  });

  it("an explicit Envoy version wins over the one the Istio release ships", () => {
    expect(pluginConfig(emitted({ istioVersion: "1.24", envoyVersion: "1.33" })["envoyfilter.yaml"]!).failure_policy).toBe("FAIL_CLOSED");
  });
});

describe("what a release cannot express is refused", () => {
  it("reload needs Istio 1.27 for the WasmPlugin and Envoy 1.33 for the EnvoyFilter", () => {
    expect(fit({ failurePolicy: "reload", istioVersion: "1.27" }).problems).toEqual([]);
    const at126 = fit({ failurePolicy: "reload", istioVersion: "1.26" }).problems;
    expect(at126.map((p) => [p.diagnostic.code, p.about])).toEqual([["E0651", "istio"]]);
    expect(at126[0]!.diagnostic.message).toContain("Istio 1.27+");
    const at124 = fit({ failurePolicy: "reload", istioVersion: "1.24" }).problems;
    expect(at124.map((p) => p.diagnostic.code)).toEqual(["E0651", "E0651"]);
    expect(at124.map((p) => p.diagnostic.message).join("\n")).toContain("Envoy 1.32 (the one Istio 1.24 ships)");
  });

  it("fail-open in a WasmPlugin needs Istio 1.20; the span is the version's", () => {
    const problems = fit({ failurePolicy: "fail-open", istioVersion: "1.19" }).problems;
    expect(problems.map((p) => p.diagnostic.code)).toEqual(["E0651"]);
    expect(problems[0]!.diagnostic.span).toEqual(span.istio);
    expect(fit({ failurePolicy: "fail-open", istioVersion: "1.19" }, ["envoyfilter"]).problems).toEqual([]);
  });

  it("held headers need Envoy 1.35", () => {
    expect(fit({ envoyVersion: "1.34" }, ["envoyfilter", "envoy"], false, true).problems.map((p) => [p.diagnostic.code, p.about])).toEqual([["E0652", "envoy"]]);
    expect(fit({ envoyVersion: "1.35" }, ["envoyfilter", "envoy"], false, true).problems).toEqual([]);
  });

  it("a WasmPlugin on Istio 1.11 is left out with a note, or refused when asked for", () => {
    const left = fit({ istioVersion: "1.11" });
    expect(left.targets).toEqual(["envoyfilter", "envoy"]);
    expect(left.notes[0]).toContain("Istio 1.11 has no WasmPlugin");
    expect(fit({ istioVersion: "1.11" }, ["wasmplugin"], true).problems.map((p) => p.diagnostic.code)).toEqual(["E0653"]);
  });

  it("a TrafficExtension before Istio 1.30 is left out with a note, or refused when asked for (E0655)", () => {
    const left = fit({ istioVersion: "1.29" }, ["envoyfilter", "wasmplugin", "trafficextension"]);
    expect(left.targets).toEqual(["envoyfilter", "wasmplugin"]);
    expect(left.notes).toEqual(["trafficextension.yaml not written: Istio 1.29 has no TrafficExtension (it arrived in Istio 1.30)"]);
    const refused = fit({ istioVersion: "1.29" }, ["trafficextension"], true).problems;
    expect(refused.map((p) => [p.diagnostic.code, p.diagnostic.severity, p.about])).toEqual([["E0655", "error", "istio"]]);
    expect(refused[0]!.diagnostic.span).toEqual(span.istio);
    expect(fit({ istioVersion: "1.30" }, ["trafficextension"], true)).toMatchObject({ targets: ["trafficextension"], problems: [] });
  });

  it("warns that a WasmPlugin before Istio 1.16 runs on every listener, and that Istio 1.9 is not modelled", () => {
    expect(fit({ istioVersion: "1.15" }).problems.map((p) => [p.diagnostic.code, p.diagnostic.severity])).toEqual([["E0654", "warning"]]);
    expect(fit({ istioVersion: "1.9" }, ["envoyfilter"]).problems.map((p) => p.diagnostic.code)).toEqual(["E0650"]);
  });
});

describe("imports by Envoy release", () => {
  it("knows the proxy-wasm functions, the WASI sets and what no Envoy has", () => {
    expect(importSupport("env", "proxy_log")).toEqual({ kind: "yes" });
    expect(importSupport("wasi_snapshot_preview1", "random_get")).toEqual({ kind: "yes" });
    expect(importSupport("wasi_snapshot_preview1", "sched_yield")).toEqual({ kind: "since", envoy: { major: 1, minor: 34 } });
    expect(importSupport("wasi_snapshot_preview1", "sock_accept").kind).toBe("unreleased");
    expect(importSupport("env", "abort").kind).toBe("never");
    expect(importSupport("env", "proxy_get_configuration").kind).toBe("never");
  });
});

describe("istioVersion and envoyVersion in filterc.yaml", () => {
  it("take a quoted release, and say why an unquoted one is refused", () => {
    expect(loadProjectFile(new Source("filterc.yaml", 'istioVersion: "1.30"\nenvoyVersion: "1.38.1"\n')).settings).toEqual({ istioVersion: "1.30", envoyVersion: "1.38.1" });
    const [problem] = loadProjectFile(new Source("filterc.yaml", "istioVersion: 1.30\n")).diagnostics;
    expect([problem!.code, problem!.hint]).toEqual(["E0504", 'quote the release as you mean it, e.g. `istioVersion: "1.30"`: unquoted, YAML reads 1.30 as the number 1.3']);
    expect(loadProjectFile(new Source("filterc.yaml", 'envoyVersion: "latest"\n')).diagnostics[0]!.code).toBe("E0506");
  });
});
