import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emitEnvoyBootstrap, type DeploymentSettings } from "../../compiler/emit/index.js";
import { TYPE_URLS, unknownFields } from "./envoy-v3-fields.js";
import { emitParsed, SAMPLE_CONFIG, SAMPLE_WASM, sampleInput } from "./fixtures.js";

const bootstrap = (overrides: Partial<DeploymentSettings> = {}) => emitParsed(sampleInput(overrides))["envoy.yaml"]!;
const hcmOf = (b: Record<string, any>) => b.static_resources.listeners[0].filter_chains[0].filters[0];

describe("envoy.yaml", () => {
  it("uses only real Envoy v3 field names and known type URLs", () => {
    expect(unknownFields(bootstrap())).toEqual([]);
    expect(unknownFields(bootstrap({ envoy: { listenPort: 1, upstreamHost: "backend.local", upstreamPort: 2, adminPort: 3, wasmFile: "x.wasm" } }))).toEqual([]);
  });

  it("the field check catches a camelCase field, so the pass above means something", () => {
    const b = bootstrap();
    b.static_resources.clusters[0].connectTimeout = "1s";
    expect(unknownFields(b)).toEqual([".static_resources.clusters[0].connectTimeout: not a field of Cluster"]);
  });

  it("serves admin on loopback and the listener on all interfaces", () => {
    const b = bootstrap({ envoy: { listenPort: 18000, upstreamHost: "127.0.0.1", upstreamPort: 8080, adminPort: 19000, wasmFile: "filter.wasm" } });
    expect(b.admin.address.socket_address).toEqual({ address: "127.0.0.1", port_value: 19000 });
    expect(b.static_resources.listeners[0].address.socket_address).toEqual({ address: "0.0.0.0", port_value: 18000 });
  });

  it("runs the wasm filter, then the router, and routes everything to cluster upstream", () => {
    const hcm = hcmOf(bootstrap());
    expect(hcm.name).toBe("envoy.filters.network.http_connection_manager");
    expect(hcm.typed_config["@type"]).toBe(TYPE_URLS.hcm);
    expect(typeof hcm.typed_config.stat_prefix).toBe("string");
    const filters = hcm.typed_config.http_filters;
    expect(filters.map((f: any) => f.typed_config["@type"])).toEqual([TYPE_URLS.wasm, TYPE_URLS.router]);
    expect(filters[1].name).toBe("envoy.filters.http.router");
    const host = hcm.typed_config.route_config.virtual_hosts[0];
    expect(host.domains).toEqual(["*"]);
    expect(host.routes).toEqual([{ match: { prefix: "/" }, route: { cluster: "upstream" } }]);
  });

  it("configures the wasm filter from the settings, with the module beside envoy.yaml", () => {
    const wasm = hcmOf(bootstrap({ failurePolicy: "reload", rootId: "r" })).typed_config.http_filters[0].typed_config.config;
    expect(wasm).toEqual({
      name: "add-header",
      root_id: "r",
      configuration: { "@type": TYPE_URLS.stringValue, value: JSON.stringify(SAMPLE_CONFIG) },
      failure_policy: "FAIL_RELOAD",
      vm_config: { vm_id: "add-header", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: "filter.wasm" } } },
    });
    expect(JSON.parse(wasm.configuration.value)).toEqual(SAMPLE_CONFIG);
  });

  it.each([
    ["127.0.0.1", "STATIC"],
    ["::1", "STATIC"],
    ["httpbin.default.svc", "STRICT_DNS"],
    ["localhost", "STRICT_DNS"],
  ])("makes upstream %s a %s cluster", (upstreamHost, type) => {
    const cluster = bootstrap({ envoy: { listenPort: 10000, upstreamHost, upstreamPort: 8000, adminPort: 9901, wasmFile: "filter.wasm" } })
      .static_resources.clusters[0];
    expect(cluster.name).toBe("upstream");
    expect(cluster.type).toBe(type);
    expect(cluster.load_assignment.cluster_name).toBe("upstream");
    expect(cluster.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({
      address: upstreamHost,
      port_value: 8000,
    });
  });

  it("says in a comment to run Envoy from the output directory, and names the module's sha256", () => {
    const text = emitEnvoyBootstrap(sampleInput()).content;
    expect(text).toContain(`# wasm sha256: ${createHash("sha256").update(SAMPLE_WASM).digest("hex")}\n`);
    expect(text).toMatch(/^# Run from the output directory: envoy -c envoy\.yaml .*"filter\.wasm"/m);
  });
});
