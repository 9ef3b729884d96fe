import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitDeployment } from "../../compiler/emit/index.js";
import { loadProjectFile, resolveSettings } from "../../compiler/project/index.js";
import { Source } from "../../grammar/source.js";
import { unknownFields } from "./envoy-v3-fields.js";
import { moduleOf } from "./fixtures.js";
import { envoyFilterCelViolations, wasmPluginCelViolations } from "./istio-cel-rules.js";
import { crdValidator, errorText } from "./istio-crds.js";

const PROJECT = `name: rate-guard
namespace: istio-ingress
selector:
  istio: ingressgateway
context: GATEWAY
port: 443
phase: AUTHZ
priority: 10
failurePolicy: fail-open
envoy:
  upstreamHost: httpbin.org
  upstreamPort: 80
`;

describe("a project file, resolved and emitted", () => {
  it("gives resources the Istio CRDs accept and a bootstrap Envoy accepts", () => {
    const file = loadProjectFile(new Source("filterc.yaml", PROJECT));
    expect(file.diagnostics).toEqual([]);
    const settings = resolveSettings("rules/guard.fw", file.settings, { priority: 20 });
    const files = Object.fromEntries(
      emitDeployment({ settings, module: moduleOf(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), pluginConfig: { limit: 100 } }).map((f) => [f.name, parse(f.content)]),
    );
    const envoyFilter = crdValidator("EnvoyFilter", "networking.istio.io/v1alpha3");
    const wasmPlugin = crdValidator("WasmPlugin", "extensions.istio.io/v1alpha1");
    expect(envoyFilter(files["envoyfilter.yaml"]), errorText(envoyFilter)).toBe(true);
    expect(wasmPlugin(files["wasmplugin.yaml"]), errorText(wasmPlugin)).toBe(true);
    expect(envoyFilterCelViolations(files["envoyfilter.yaml"])).toEqual([]);
    expect(wasmPluginCelViolations(files["wasmplugin.yaml"])).toEqual([]);
    expect(unknownFields(files["envoy.yaml"])).toEqual([]);
    expect(files["wasmplugin.yaml"].spec).toMatchObject({ priority: 20, phase: "AUTHZ", failStrategy: "FAIL_OPEN", match: [{ mode: "CLIENT", ports: [{ number: 443 }] }] });
    expect(files["envoy.yaml"].static_resources.clusters[0].type).toBe("STRICT_DNS");
  });
});
