import { describe, expect, it } from "vitest";
import { loadProjectFile, PROJECT_CODES, ProjectCode } from "../../compiler/project/index.js";
import { formatDiagnosticLine, renderDiagnostics } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";

function load(text: string) {
  const source = new Source("filterc.yaml", text);
  const result = loadProjectFile(source);
  const lines = result.diagnostics.map((d) => formatDiagnosticLine(source, d));
  const hints = result.diagnostics.map((d) => d.hint);
  return { ...result, source, lines, hints };
}

describe("loadProjectFile: valid files", () => {
  it("reads every key into settings, optimize and lint", () => {
    const { settings, optimize, lint, diagnostics } = load(`# deployment of the header rules
name: add-header
namespace: shop
selector:
  app: httpbin
  app.kubernetes.io/version: "2"
targetRefs:
  - kind: Gateway
    name: public
    group: gateway.networking.k8s.io
context: GATEWAY
port: 8080
phase: AUTHZ
priority: -10
wasmPath: /etc/istio/filter.wasm
url: oci://registry.example.com/filters/add-header:1.2
failurePolicy: reload
rootId: add_header
envoyFilterFormat: typed
envoy:
  listenPort: 18000
  upstreamHost: httpbin.local
  upstreamPort: 80
  adminPort: 19000
  wasmFile: out/filter.wasm
optimize: size
lint:
  unused-param: off
  shadowed-rule: error
`);
    expect(diagnostics).toEqual([]);
    expect(settings).toEqual({
      name: "add-header",
      namespace: "shop",
      selector: { app: "httpbin", "app.kubernetes.io/version": "2" },
      targetRefs: [{ kind: "Gateway", name: "public", group: "gateway.networking.k8s.io" }],
      context: "GATEWAY",
      port: 8080,
      phase: "AUTHZ",
      priority: -10,
      wasmPath: "/etc/istio/filter.wasm",
      url: "oci://registry.example.com/filters/add-header:1.2",
      failurePolicy: "reload",
      rootId: "add_header",
      envoyFilterFormat: "typed",
      envoy: { listenPort: 18000, upstreamHost: "httpbin.local", upstreamPort: 80, adminPort: 19000, wasmFile: "out/filter.wasm" },
    });
    expect(optimize).toBe("size");
    expect(lint).toEqual({ "unused-param": "off", "shadowed-rule": "error" });
  });

  it.each([["empty", ""], ["only comments", "# nothing yet\n"], ["explicit null", "~\n"]])("accepts an %s file as no settings", (_, text) => {
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.settings).toEqual({});
    expect(result.optimize).toBeUndefined();
    expect(result.lint).toBeUndefined();
  });

  it("resolves anchors and merge keys", () => {
    const { settings, diagnostics } = load("base: &b\n  app: web\n".replace("base", "selector") + "envoy:\n  <<: {listenPort: 1, adminPort: 2}\n");
    expect(diagnostics).toEqual([]);
    expect(settings).toEqual({ selector: { app: "web" }, envoy: { listenPort: 1, adminPort: 2 } });
  });
});

describe("loadProjectFile: diagnostics point at the key or value at fault", () => {
  it.each([
    ["namespace: shop\nnamspace: shop\n", "filterc.yaml:2:1: error[E0503]: unknown key `namspace`", "did you mean `namespace`?"],
    ["failStrategy: FAIL_OPEN\n", "filterc.yaml:1:1: error[E0503]: unknown key `failStrategy`", "did you mean `failurePolicy`?"],
    ["root_id: r\n", "filterc.yaml:1:1: error[E0503]: unknown key `root_id`", "did you mean `rootId`?"],
    ["envoy:\n  listen_port: 1\n", "filterc.yaml:2:3: error[E0503]: unknown key `listen_port` in `envoy`", "did you mean `listenPort`?"],
    ["xyzzy: 1\n", "filterc.yaml:1:1: error[E0503]: unknown key `xyzzy`", expect.stringMatching(/^the keys here are `name`, `namespace`, .* and `lint`$/)],
    [
      "targetRefs:\n  - kind: Gateway\n    name: gw\n    namespace: other\n",
      "filterc.yaml:4:5: error[E0503]: unknown key `namespace` in `targetRefs[0]`",
      "a WasmPlugin can only target objects in its own namespace; set the top-level `namespace` instead",
    ],
    ["port: \"8080\"\n", 'filterc.yaml:1:7: error[E0504]: `port` must be a whole number, found "8080"', "remove the quotes: `port: 8080`"],
    ["priority: 1.5\n", "filterc.yaml:1:11: error[E0504]: `priority` must be a whole number, found 1.5", "use a whole number, e.g. `priority: 2`"],
    ["selector:\n  version: 2\n", "filterc.yaml:2:12: error[E0504]: `selector.version` must be a string, found 2", 'quote it: `version: "2"`'],
    ["selector: app=web\n", 'filterc.yaml:1:11: error[E0504]: `selector` must be a map, found "app=web"', "write `key: value` lines indented under `selector:`"],
    ["namespace:\nport: 1\n", "filterc.yaml:1:1: error[E0504]: `namespace` must be a string, found nothing", "give `namespace` a value, or remove the key"],
    ["failurePolicy: FAIL_OPEN\n", 'filterc.yaml:1:16: error[E0505]: `failurePolicy` must be `fail-closed`, `fail-open` or `reload`, found "FAIL_OPEN"', "did you mean `fail-open`?"],
    ["failurePolicy: FAIL_CLOSE\n", expect.stringContaining("error[E0505]"), "did you mean `fail-closed`?"],
    ["context: sidecar_outbound\n", expect.stringContaining("filterc.yaml:1:10: error[E0505]"), "did you mean `SIDECAR_OUTBOUND`?"],
    ["lint:\n  some-rule: warning\n", expect.stringContaining("filterc.yaml:2:14: error[E0505]: `lint.some-rule` must be `off`, `warn` or `error`"), "did you mean `warn`?"],
    ["optimize: fast\n", 'filterc.yaml:1:11: error[E0505]: `optimize` must be `size` or `speed`, found "fast"', undefined],
    ["name: Add_Header\n", 'filterc.yaml:1:7: error[E0506]: `name` must be a DNS-1123 label, found "Add_Header"', expect.stringMatching(/try `add-header`$/)],
    ["url: ftp://example.com/f.wasm\n", expect.stringContaining("filterc.yaml:1:6: error[E0506]: `url` must be a file://, http://, https:// or oci:// url"), expect.any(String)],
    ["wasmPath: filter.wasm\n", 'filterc.yaml:1:11: error[E0506]: `wasmPath` must be an absolute path, found "filter.wasm"', expect.any(String)],
    ["selector:\n  \"app*\": web\n", "filterc.yaml:2:3: error[E0506]: `app*` in `selector` is not a label key", expect.any(String)],
    ["rootId: ''\n", "filterc.yaml:1:9: error[E0506]: `rootId` must not be empty", undefined],
    ["envoy:\n  adminPort: 0\n", "filterc.yaml:2:14: error[E0507]: `envoy.adminPort` must be between 1 and 65535, found 0", undefined],
    ["targetRefs:\n  - kind: Gateway\n", "filterc.yaml:2:5: error[E0508]: `targetRefs[0]` is missing `name`", "each entry needs `kind` and `name`"],
    ["targetRefs: []\n", "filterc.yaml:1:13: error[E0509]: `targetRefs` is empty", expect.any(String)],
    ["port: 1\nport: 2\n", "filterc.yaml:2:1: error[E0510]: key `port` appears twice in the same map", "keep one of them"],
    ["- name: x\n", "filterc.yaml:1:1: error[E0502]: filterc.yaml must be a map of settings, found a list", expect.any(String)],
    [
      "selector:\n  app: web\n   tier: db\n",
      "filterc.yaml:2:8: error[E0501]: nested mappings are not allowed in compact mappings",
      expect.stringContaining("keys of one map start in the same column"),
    ],
    ["name: a\n---\nname: b\n", expect.stringMatching(/^filterc\.yaml:2:1: error\[E0501\]: filterc\.yaml must hold a single YAML document$/), expect.any(String)],
    [
      "envoyFilterFormat: legacy\nfailurePolicy: reload\n",
      "filterc.yaml:2:16: warning[E0511]: `failurePolicy: reload` cannot be expressed in the legacy EnvoyFilter form; it fails closed",
      expect.any(String),
    ],
  ])("%j", (text, line, hint) => {
    const result = load(text);
    expect(result.lines).toEqual([line]);
    expect(result.hints).toEqual([hint]);
  });

  it("renders with the offending value underlined", () => {
    const { source, diagnostics } = load("name: add-header\nfailurePolicy: FAIL_OPEN\nnamspace: shop\n");
    expect(renderDiagnostics(source, diagnostics)).toBe(
      [
        "error[E0505]: `failurePolicy` must be `fail-closed`, `fail-open` or `reload`, found \"FAIL_OPEN\"",
        " --> filterc.yaml:2:16",
        "  |",
        "2 | failurePolicy: FAIL_OPEN",
        "  |                ^^^^^^^^^",
        "  = hint: did you mean `fail-open`?",
        "",
        "error[E0503]: unknown key `namspace`",
        " --> filterc.yaml:3:1",
        "  |",
        "3 | namspace: shop",
        "  | ^^^^^^^^",
        "  = hint: did you mean `namespace`?",
      ].join("\n"),
    );
  });

  it("reports every problem, in source order, and keeps the valid keys", () => {
    const result = load("port: 0\nnamespace: shop\nenvoy:\n  listenPort: 99999\n  upstreamHost: backend\nname: X\n");
    expect(result.lines.map((l) => l.split(": ")[0])).toEqual(["filterc.yaml:1:7", "filterc.yaml:4:15", "filterc.yaml:6:7"]);
    expect(result.settings).toEqual({ namespace: "shop", envoy: { upstreamHost: "backend" } });
  });

  it("still returns the settings of a file with only warnings", () => {
    const result = load("envoyFilterFormat: legacy\nfailurePolicy: reload\n");
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    expect(result.settings).toEqual({ envoyFilterFormat: "legacy", failurePolicy: "reload" });
  });
});

describe("PROJECT_CODES", () => {
  it("documents every code, in E0501..E0599, with examples", () => {
    const codes = Object.values(ProjectCode);
    expect(Object.keys(PROJECT_CODES).sort()).toEqual([...codes].sort());
    for (const [code, doc] of Object.entries(PROJECT_CODES)) {
      expect(code).toMatch(/^E05(0[1-9]|[1-9]\d)$/);
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.explanation).toContain("Incorrect");
      expect(doc.explanation).toContain("Correct");
    }
  });
});
