import { describe, expect, it } from "vitest";
import { defaultSettings, emitDeployment } from "../../compiler/emit/index.js";
import { checkOverrides, loadProjectFile, resolveSettings } from "../../compiler/project/index.js";
import { Source } from "../../grammar/source.js";
import { moduleOf } from "./fixtures.js";

describe("resolveSettings", () => {
  it("is the defaults when neither layer sets anything", () => {
    expect(resolveSettings("rules/auth.fw", {}, {})).toEqual(defaultSettings("rules/auth.fw"));
  });

  it("lets flags win over the project file, and the project file over the defaults", () => {
    const settings = resolveSettings(
      "rules/auth.fw",
      { namespace: "shop", port: 8080, failurePolicy: "fail-open", phase: "AUTHN" },
      { port: 9090, failurePolicy: "reload" },
    );
    expect(settings).toMatchObject({ name: "auth", namespace: "shop", port: 9090, failurePolicy: "reload", phase: "AUTHN", context: "SIDECAR_INBOUND" });
  });

  it("ignores flags left undefined by the option parser", () => {
    const settings = resolveSettings("a.fw", { namespace: "shop", envoy: { listenPort: 1 } }, { namespace: undefined, envoy: { listenPort: undefined } });
    expect(settings.namespace).toBe("shop");
    expect(settings.envoy.listenPort).toBe(1);
  });

  it("merges envoy key by key across the layers", () => {
    const settings = resolveSettings("a.fw", { envoy: { listenPort: 1, upstreamHost: "backend" } }, { envoy: { upstreamHost: "127.0.0.2" } });
    expect(settings.envoy).toEqual({ listenPort: 1, upstreamHost: "127.0.0.2", upstreamPort: 8080, adminPort: 9901, wasmFile: "filter.wasm" });
  });

  it("derives rootId from the final name, unless rootId is set", () => {
    expect(resolveSettings("a.fw", { name: "from-file" }, { name: "from-flag" }).rootId).toBe("from-flag");
    expect(resolveSettings("a.fw", { rootId: "root" }, { name: "from-flag" }).rootId).toBe("root");
  });

  it("derives the WasmPlugin url from the final wasmPath, unless url is set", () => {
    const [, plugin] = emitDeployment({ settings: resolveSettings("a.fw", { wasmPath: "/a.wasm" }, { wasmPath: "/b.wasm" }), module: moduleOf(new Uint8Array()), pluginConfig: {} });
    expect(plugin!.content).toContain("url: file:///b.wasm\n");
    const explicit = resolveSettings("a.fw", { url: "https://x/f.wasm" }, { wasmPath: "/b.wasm" });
    expect(explicit.url).toBe("https://x/f.wasm");
  });

  it("replaces a selector as a whole and does not share it with the layers", () => {
    const project = { selector: { app: "a", tier: "web" } };
    const settings = resolveSettings("a.fw", project, { selector: { app: "b" } });
    expect(settings.selector).toEqual({ app: "b" });
    settings.selector!.app = "changed";
    const fromProject = resolveSettings("a.fw", project, {});
    fromProject.selector!.tier = "changed";
    expect(project.selector).toEqual({ app: "a", tier: "web" });
  });

  it("takes a loaded project file as its middle layer", () => {
    const file = loadProjectFile(new Source("filterc.yaml", "namespace: shop\nport: 8080\nenvoy:\n  adminPort: 9000\n"));
    const settings = resolveSettings("rules/x.fw", file.settings, { port: 8081 });
    expect(settings).toMatchObject({ namespace: "shop", port: 8081, envoy: { adminPort: 9000, listenPort: 10000 } });
  });
});

describe("checkOverrides", () => {
  it("accepts valid flag values and undefined ones", () => {
    expect(checkOverrides({ name: "ok", port: 80, namespace: undefined, envoy: { listenPort: undefined } })).toEqual([]);
  });

  it("refuses what filterc.yaml refuses, by key path", () => {
    const problems = checkOverrides({ name: "Bad_Name", port: 0, envoy: { listenPort: 70000 }, failurePolicy: "open" as never });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["E0506", ["name"]],
      ["E0507", ["port"]],
      ["E0505", ["failurePolicy"]],
      ["E0507", ["envoy", "listenPort"]],
    ]);
    expect(problems[2]!.hint).toBe("did you mean `fail-open`?");
  });
});
