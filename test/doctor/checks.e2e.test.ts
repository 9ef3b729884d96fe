import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProject } from "../../compiler/build-project.js";
import { CHECKS, runDoctor, type DoctorRequest } from "../../compiler/doctor/index.js";
import type { SettingsOverrides } from "../../compiler/emit/index.js";
import { parseReleaseLine } from "../../compiler/emit/versions.js";
import { tempDir } from "../support/cli.js";

const GATE = `param admin_networks = ["10.0.0.0/8"]
param greeting = "hi"
rule "gate" on request_headers when request.path starts_with "/admin" and not (source.address in admin_networks) deny 403
rule "hello" on response_headers set "x-greeting" = greeting
`;
const HOLDS = `on request_body when request.body contains "debug" set "x-debug" = "1"\n`;

const SHOP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    metadata: { labels: { app: shop, version: v1 } }
    spec:
      containers:
        - name: shop
          ports: [{ containerPort: 8080 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public, namespace: shop }
spec: { gatewayClassName: istio, listeners: [{ name: http, port: 80, protocol: HTTP }] }
`;

let root: string;
let gateOut: string;
let holdsOut: string;

async function build(name: string, rules: string, flags: SettingsOverrides): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.fw`), rules);
  const outcome = await buildProject({ ruleFile: join(dir, `${name}.fw`), outDir: join(dir, "out"), flags });
  expect(outcome.written.length, JSON.stringify(outcome.problems.map((p) => p.diagnostics))).toBeGreaterThan(0);
  return join(dir, "out");
}

beforeAll(async () => {
  root = tempDir("filterc-doctor-");
  gateOut = await build("gate", GATE, { namespace: "shop", selector: { app: "shop" }, port: 8080 });
  holdsOut = await build("holds", HOLDS, { namespace: "shop", selector: { app: "shop" } });
});

let copies = 0;
/** A copy of a build's output, with files replaced or edited, and manifests beside it. */
function variant(from: string, edit: Record<string, (text: string) => string> = {}, manifests?: string): { out: string; manifests: string[] } {
  const dir = join(root, `variant-${++copies}`);
  cpSync(from, join(dir, "out"), { recursive: true });
  for (const [file, change] of Object.entries(edit)) writeFileSync(join(dir, "out", file), change(readFileSync(join(dir, "out", file), "utf8")));
  if (manifests === undefined) return { out: join(dir, "out"), manifests: [] };
  mkdirSync(join(dir, "k8s"));
  writeFileSync(join(dir, "k8s", "app.yaml"), manifests);
  return { out: join(dir, "out"), manifests: [join(dir, "k8s")] };
}

async function findings(target: { out: string; manifests: string[] }, more: Partial<DoctorRequest> = {}): Promise<[string, string, string][]> {
  const results = await runDoctor({ outDir: target.out, manifests: target.manifests, versions: {}, workers: 2, cwd: root, ...more });
  return results.flatMap((r) => r.messages.map((m): [string, string, string] => [m.code, r.filePath.split("/").pop()!, m.message]));
}
const codes = async (target: { out: string; manifests: string[] }, more: Partial<DoctorRequest> = {}) => (await findings(target, more)).map(([code, file]) => `${code} ${file}`);
const v = (text: string) => parseReleaseLine(text)!;

describe("filterc doctor checks", () => {
  it("has one check per code, D001 up, each with why and fix", () => {
    expect(CHECKS.map((c) => c.meta.code)).toEqual(CHECKS.map((_, i) => `D${String(i + 1).padStart(3, "0")}`));
    for (const { meta } of CHECKS) expect(meta.why.length * meta.fix.length).toBeGreaterThan(0);
  });

  it("a fresh build with manifests that fit it is clean", async () => {
    expect(await findings(variant(gateOut, {}, SHOP), { versions: { istio: v("1.27") } })).toEqual([]);
  });

  it("D001: a selector that no workload's labels match", async () => {
    const wrong = variant(gateOut, {}, SHOP.replace("app: shop, version", "app: store, version"));
    expect(await codes(wrong)).toEqual(["D001 envoyfilter.yaml", "D001 wasmplugin.yaml"]);
    const [, , message] = (await findings(wrong))[0]!;
    expect(message).toContain("app=shop in namespace shop");
    // The workload in another namespace does not count either.
    expect(await codes(variant(gateOut, {}, SHOP.replace("name: shop, namespace: shop", "name: shop, namespace: other")))).toContain("D001 envoyfilter.yaml");
  });

  it("D002: a targetRef to a Gateway the manifests do not have", async () => {
    const refs = (name: string) => ({ "wasmplugin.yaml": (t: string) => t.replace("  selector:\n    matchLabels:\n      app: shop\n", `  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: ${name}\n`) });
    expect(await codes(variant(gateOut, refs("private"), SHOP))).toEqual(["D002 wasmplugin.yaml"]);
    expect(await codes(variant(gateOut, refs("public"), SHOP))).toEqual([]);
  });

  it("D003: an inbound port the selected pods do not serve", async () => {
    expect(await codes(variant(gateOut, {}, SHOP.replace("containerPort: 8080", "containerPort: 9090")))).toEqual(["D003 envoyfilter.yaml", "D003 wasmplugin.yaml"]);
  });

  it("D004: a GATEWAY context on application pods", async () => {
    const gateway = { "envoyfilter.yaml": (t: string) => t.replace("context: SIDECAR_INBOUND", "context: GATEWAY") };
    expect(await codes(variant(gateOut, gateway, SHOP))).toEqual(["D004 envoyfilter.yaml"]);
    const gatewayPods = SHOP.replace("app: shop, version: v1", "app: shop, istio: ingressgateway");
    expect(await codes(variant(gateOut, gateway, gatewayPods))).toEqual([]);
  });

  it("D005: a proxyVersion regex that does not match the Istio version", async () => {
    const pinned = (regex: string) => ({ "envoyfilter.yaml": (t: string) => t.replace("      context: SIDECAR_INBOUND\n", `      context: SIDECAR_INBOUND\n      proxy:\n        proxyVersion: '${regex}'\n`) });
    expect(await codes(variant(gateOut, pinned("^1\\.2[0-4].*")), { versions: { istio: v("1.27") } })).toEqual(["D005 envoyfilter.yaml"]);
    expect(await codes(variant(gateOut, pinned("^1\\.2[5-9].*")), { versions: { istio: v("1.27") } })).toEqual([]);
  });

  it("D006: a WasmPlugin sha256 that is not the module's, but not for an OCI url", async () => {
    const other = "ab".repeat(32);
    const sha = (t: string) => t.replace(/\n {2}sha256: [0-9a-f]{64}/, `\n  sha256: ${other}`);
    expect(await codes(variant(gateOut, { "wasmplugin.yaml": sha }))).toEqual(["D006 wasmplugin.yaml"]);
    const oci = (t: string) => sha(t).replace("url: file:///var/local/filter.wasm", "url: oci://registry.example.com/gate:1");
    expect(await codes(variant(gateOut, { "wasmplugin.yaml": oci }))).toEqual([]);
  });

  it("D007: an import the target Envoy does not link", async () => {
    const target = variant(gateOut);
    writeFileSync(join(target.out, "filter.wasm"), moduleImporting("wasi_snapshot_preview1", "sched_yield"));
    expect((await codes(target, { versions: { envoy: v("1.33") } })).filter((c) => c.startsWith("D007"))).toEqual(["D007 filter.wasm"]);
    expect((await codes(target, { versions: { envoy: v("1.34") } })).filter((c) => c.startsWith("D007"))).toEqual([]);
    writeFileSync(join(target.out, "filter.wasm"), moduleImporting("env", "abort"));
    const [message] = (await findings(target, { versions: { envoy: v("1.36") } })).filter(([c]) => c === "D007").map(([, , m]) => m);
    expect(message).toContain("env.abort");
  });

  it("D008: fields the target Istio and Envoy releases do not have", async () => {
    expect(await codes(variant(gateOut), { versions: { istio: v("1.19") } })).toEqual(["D008 envoyfilter.yaml", "D008 wasmplugin.yaml", "D008 wasmplugin.yaml"]);
    // envoy.yaml is for plain Envoy: checked against --envoy-version only.
    expect(await codes(variant(gateOut), { versions: { envoy: v("1.32") } })).toEqual(["D008 envoy.yaml", "D008 envoyfilter.yaml"]);
    expect(await codes(variant(gateOut), { versions: { istio: v("1.25") } })).toEqual([]);
  });

  it("D009: an envoy.yaml route to an undefined cluster", async () => {
    const renamed = { "envoy.yaml": (t: string) => t.replace("cluster: upstream", "cluster: upstreem") };
    const [code, file, message] = (await findings(variant(gateOut, renamed)))[0]!;
    expect([code, file]).toEqual(["D009", "envoy.yaml"]);
    expect(message).toContain("`upstreem`");
    expect(message).toContain("`upstream`");
  });

  it("D009: a cluster the rules call that the deployment does not define", async () => {
    const limited = (cluster: string) => `rule "quota" on request_headers limit 10 per minute via "${cluster}"\n`;
    const mesh = await build("quota-mesh", limited("outbound|8081||ratelimit.rl.svc.cluster.local"), { namespace: "shop", selector: { app: "shop" }, port: 8080 });
    const service = `---\napiVersion: v1\nkind: Service\nmetadata: { name: ratelimit, namespace: rl }\nspec: { ports: [{ name: grpc, port: 8081 }] }\n`;
    // The generated envoy.yaml defines a placeholder for the called cluster; with the Service the mesh has it too.
    expect(await codes(variant(mesh, {}, SHOP + service))).toEqual([]);
    expect(await codes(variant(mesh, {}, SHOP + service.replace("port: 8081", "port: 9000")))).toEqual(["D009 filter.map.json"]);
    const [, , message] = (await findings(variant(mesh, {}, SHOP)))[0]!;
    expect(message).toContain("`ratelimit.rl.svc.cluster.local` on port 8081");
    const entry = `---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: { name: rl, namespace: shop }\nspec: { hosts: [ratelimit.rl.svc.cluster.local], ports: [{ number: 8081, name: grpc, protocol: GRPC }] }\n`;
    expect(await codes(variant(mesh, {}, SHOP + entry))).toEqual([]);
    // A bare name exists in a sidecar only when an EnvoyFilter adds it; envoy.yaml must define it whatever its name.
    const bare = await build("quota-bare", limited("ratelimit"), { namespace: "shop", selector: { app: "shop" }, port: 8080 });
    expect(await codes(variant(bare, {}, SHOP))).toEqual(["D009 filter.map.json"]);
    const patch = `---\napiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: { name: rl-cluster, namespace: shop }\nspec:\n  configPatches:\n    - applyTo: CLUSTER\n      patch: { operation: ADD, value: { name: ratelimit } }\n`;
    expect(await codes(variant(bare, {}, SHOP + patch))).toEqual([]);
    const dropped = { "envoy.yaml": (t: string) => t.replace(/name: ratelimit\n/, "name: ratelimit-old\n") };
    expect(await codes(variant(bare, dropped))).toEqual(["D009 envoy.yaml"]);
  });

  it("D010: held headers without allow_on_headers_stop_iteration, or through a WasmPlugin", async () => {
    expect(await codes(variant(holdsOut))).toEqual([]);
    const dropped = { "envoyfilter.yaml": (t: string) => t.replace(/\n *allow_on_headers_stop_iteration: true/, "") };
    expect(await codes(variant(holdsOut, dropped))).toEqual(["D010 envoyfilter.yaml"]);
    const stale = variant(holdsOut);
    cpSync(join(gateOut, "wasmplugin.yaml"), join(stale.out, "wasmplugin.yaml"));
    expect((await codes(stale)).filter((c) => c.startsWith("D010"))).toEqual(["D010 wasmplugin.yaml"]);
  });

  it("D011: a deny rule in a filter that fails open", async () => {
    const open = { "wasmplugin.yaml": (t: string) => t.replace("failStrategy: FAIL_CLOSE", "failStrategy: FAIL_OPEN") };
    const [[code, file, message]] = (await findings(variant(gateOut, open))) as [[string, string, string]];
    expect([code, file]).toEqual(["D011", "wasmplugin.yaml"]);
    expect(message).toContain("`gate`");
    // A filter without such rules may fail open.
    const hello = await build("hello", `on response_headers set "x" = "1"\n`, { failurePolicy: "fail-open" });
    expect(await codes(variant(hello))).toEqual([]);
  });

  it("D012: a plugin configuration with an unknown key or a value of the wrong type", async () => {
    const config = { "wasmplugin.yaml": (t: string) => t.replace("greeting: hi", "greting: hi") };
    const found = await findings(variant(gateOut, config));
    expect(found.map(([c, f]) => `${c} ${f}`)).toEqual(["D012 wasmplugin.yaml"]);
    expect(found[0]![2]).toContain("`greting`");
    const typed = { "envoyfilter.yaml": (t: string) => t.replace('"greeting":"hi"', '"greeting":3') };
    expect(await codes(variant(gateOut, typed))).toEqual(["D012 envoyfilter.yaml"]);
  });

  it("D013: a memory estimate over --memory-budget", async () => {
    const target = variant(gateOut);
    const [[code, , message]] = (await findings(target, { memoryBudget: 10_000 })) as [[string, string, string]];
    expect(code).toBe("D013");
    const wasmSize = readFileSync(join(gateOut, "filter.wasm")).length;
    expect(message).toContain(`2 worker VMs × (${wasmSize} bytes of module + 1 pages of 64 KiB)`);
    expect(await codes(target, { memoryBudget: 2 * (wasmSize + 65536) })).toEqual([]);
    expect(await codes(target, { memoryBudget: 2 * (wasmSize + 65536) - 1 })).toEqual(["D013 filter.wasm"]);
  });
});

/** A minimal module with one function import of type () -> i32, for imports filterc itself never emits. */
function moduleImporting(module: string, name: string): Uint8Array {
  const text = (s: string) => [s.length, ...Buffer.from(s)];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  const types = section(1, [1, 0x60, 0, 1, 0x7f]);
  const imports = section(2, [1, ...text(module), ...text(name), 0x00, 0]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports]);
}
