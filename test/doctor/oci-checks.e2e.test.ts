import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProject } from "../../compiler/build-project.js";
import { sha256Hex } from "../../compiler/digest.js";
import { runDoctor, type DoctorRequest } from "../../compiler/doctor/index.js";
import { DEPLOYMENT_TARGETS } from "../../compiler/emit/targets.js";
import { parseImageReference } from "../../compiler/package/image-reference.js";
import { blobPath, ociImage } from "../../compiler/package/oci-image.js";
import { writeOciImage } from "../../compiler/package/write-oci.js";
import { tempDir } from "../support/cli.js";

const GATE = `rule "gate" on request_headers when request.path starts_with "/admin" deny 403\n`;
const OTHER = `rule "other" on request_headers when request.path starts_with "/x" deny 404\n`;
const SHOP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    metadata: { labels: { app: shop } }
    spec: { containers: [{ name: shop, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public, namespace: shop }
spec: { gatewayClassName: eg, listeners: [{ name: http, port: 80, protocol: HTTP }] }
`;
const SECRET = `---\napiVersion: v1\nkind: Secret\nmetadata: { name: regcred, namespace: shop }\ntype: kubernetes.io/dockerconfigjson\n`;
const IMAGE = parseImageReference("registry.example.com/gate:1");

let root: string;
/** `filterc package --oci` of GATE: the output folder, the layout directory and the same layout as a .tar. */
let out: string;
let layout: string;
let archive: string;
let otherLayout: string;

/** Builds like `filterc package RULES --oci PATH --image ...`, every target, the WasmPlugin on the shop pods. */
async function packageRules(name: string, rules: string, oci: string): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.fw`), rules);
  const outcome = await buildProject({
    ruleFile: join(dir, `${name}.fw`),
    outDir: join(dir, "out"),
    flags: { namespace: "shop", selector: { app: "shop" }, port: 8080, policyTargetRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public" }] },
    defaultTargets: DEPLOYMENT_TARGETS,
    packaging: ({ wasm }) => {
      const image = ociImage(wasm, IMAGE);
      return { image: { reference: IMAGE.reference, manifestDigestHex: image.manifestDigestHex }, beforeWrite: () => void writeOciImage(oci, image) };
    },
  });
  expect(outcome.written.map((f) => f.split("/").pop()), JSON.stringify(outcome.problems.map((p) => p.diagnostics))).toContain("envoyextensionpolicy.yaml");
  return join(dir, "out");
}

beforeAll(async () => {
  root = tempDir("filterc-doctor-oci-");
  layout = join(root, "image");
  archive = join(root, "image.tar");
  otherLayout = join(root, "other-image");
  out = await packageRules("gate", GATE, layout);
  await packageRules("gate-tar", GATE, archive);
  await packageRules("other", OTHER, otherLayout);
});

let copies = 0;
function copy(from: string): string {
  const to = join(root, `copy-${++copies}`);
  cpSync(from, to, { recursive: true });
  return to;
}
/** A copy of the output with files edited, and manifests beside it when given. */
function variant(edit: Record<string, (text: string) => string> = {}, manifests?: string): { out: string; manifests: string[] } {
  const dir = copy(out);
  for (const [file, change] of Object.entries(edit)) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
  if (manifests === undefined) return { out: dir, manifests: [] };
  writeFileSync(join(dir, "..", `${copies}-k8s.yaml`), manifests);
  return { out: dir, manifests: [join(dir, "..", `${copies}-k8s.yaml`)] };
}

async function findings(target: { out: string; manifests: string[] }, more: Partial<DoctorRequest> = {}): Promise<string[]> {
  const results = await runDoctor({ outDir: target.out, manifests: target.manifests, versions: {}, workers: 2, cwd: root, ...more });
  return results.flatMap((r) => r.messages.map((m) => `${m.code} ${r.filePath.split("/").pop()}: ${m.message}`));
}
const codes = async (target: { out: string; manifests: string[] }, more: Partial<DoctorRequest> = {}) => (await findings(target, more)).map((f) => f.slice(0, f.indexOf(":")));

/** Writes a layout by hand: the given blobs, a manifest with the given layers, and index.json naming it. */
function handLayout(blobs: { mediaType: string; bytes: Uint8Array }[]): string {
  const dir = join(root, `hand-${++copies}`);
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  const put = (bytes: Uint8Array) => {
    const digest = `sha256:${sha256Hex(bytes)}`;
    writeFileSync(join(dir, blobPath(digest)), bytes);
    return digest;
  };
  const config = Buffer.from("{}");
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: put(config), size: 2 }, layers: blobs.map((b) => ({ mediaType: b.mediaType, digest: put(b.bytes), size: b.bytes.length })) }));
  writeFileSync(join(dir, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: put(manifest), size: manifest.length }] }));
  writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
  return dir;
}

const WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm";
const otherSha = "ab".repeat(32);

describe("filterc doctor --oci: D014 oci-image-valid", () => {
  it("the image filterc package wrote, as a directory and as a .tar, is clean", async () => {
    expect(await findings(variant(), { oci: layout })).toEqual([]);
    expect(await findings(variant(), { oci: archive })).toEqual([]);
  });

  it("a blob whose content is not its digest", async () => {
    const broken = copy(layout);
    const index = JSON.parse(readFileSync(join(broken, "index.json"), "utf8"));
    const manifestPath = join(broken, blobPath(index.manifests[0].digest));
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(join(broken, blobPath(manifest.config.digest)), '{"architecture":"amd64"}');
    const found = await findings(variant(), { oci: broken });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^D014 index.json: blob blobs\/sha256\/[0-9a-f]{64} has the digest sha256:[0-9a-f]{64}, not its name/);
  });

  it("a single wasm-content layer is refused, the two-layer artifact form is accepted", async () => {
    const wasm = new Uint8Array(readFileSync(join(out, "filter.wasm")));
    const single = handLayout([{ mediaType: WASM_LAYER, bytes: wasm }]);
    expect((await findings(variant(), { oci: single })).filter((f) => f.startsWith("D014"))).toEqual([expect.stringMatching(/^D014 index.json: the manifest has 1 layer with a application\/vnd.module.wasm.content.layer.v1\+wasm layer, and the fetcher wants exactly 2/)]);
    const two = handLayout([{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", bytes: new Uint8Array([1]) }, { mediaType: WASM_LAYER, bytes: wasm }]);
    // Its manifest digest is not the one written into the YAML, which D015 reports; D014 has nothing to say.
    expect(await codes(variant(), { oci: two })).not.toContain("D014");
  });

  it("an image holding another build's module, and an index naming no manifest", async () => {
    expect(await findings(variant(), { oci: otherLayout })).toContainEqual(expect.stringMatching(/^D014 index.json: the image's module has the sha256 [0-9a-f]{64}, and filter.wasm's is /));
    const empty = copy(layout);
    writeFileSync(join(empty, "index.json"), '{"schemaVersion":2,"manifests":[]}');
    expect(await findings(variant(), { oci: empty })).toContain("D014 index.json: index.json names 0 manifests, and a wasm image has exactly one");
  });
});

describe("filterc doctor: D015 oci-digest-matches", () => {
  const sha = (t: string) => t.replace(/\n( +)sha256: [0-9a-f]{64}/, `\n$1sha256: ${otherSha}`);

  it("a WasmPlugin, TrafficExtension or EnvoyExtensionPolicy sha256 that is not the manifest digest", async () => {
    const edited = variant({ "wasmplugin.yaml": sha, "trafficextension.yaml": sha, "envoyextensionpolicy.yaml": sha });
    expect(await codes(edited, { oci: layout })).toEqual(["D015 envoyextensionpolicy.yaml", "D015 trafficextension.yaml", "D015 wasmplugin.yaml"]);
    expect(await findings(edited, { oci: archive })).toContain(`D015 wasmplugin.yaml: the WasmPlugin's sha256 ${otherSha} is not the image's manifest digest (${JSON.parse(readFileSync(join(layout, "index.json"), "utf8")).manifests[0].digest.slice(7)})`);
    // Without --oci there is nothing to compare a well-formed digest with.
    expect(await codes(edited)).toEqual([]);
  });

  it("without --oci, a sha256 that is not 64 hex digits", async () => {
    const short = (t: string) => t.replace(/\n( +)sha256: [0-9a-f]{64}/, "\n$1sha256: sha256:1234");
    expect(await findings(variant({ "trafficextension.yaml": short }))).toEqual(["D015 trafficextension.yaml: the TrafficExtension's sha256 sha256:1234 is not 64 hex digits: Istio's CRD and Envoy Gateway refuse it"]);
  });
});

describe("filterc doctor: D016 pull-secret-exists", () => {
  const secret = (t: string) => t.replace(/(\n( +)url: oci:\/\/.*)/, "$1\n$2imagePullSecret: regcred");
  const ref = (t: string) => t.replace(/(\n( +)url: registry.*)/, "$1\n$2pullSecretRef: { name: regcred }");

  it("an imagePullSecret or pullSecretRef that names no Secret in the resource's namespace", async () => {
    const edits = { "wasmplugin.yaml": secret, "trafficextension.yaml": secret, "envoyextensionpolicy.yaml": ref };
    expect(await codes(variant(edits, SHOP))).toEqual(["D016 envoyextensionpolicy.yaml", "D016 trafficextension.yaml", "D016 wasmplugin.yaml"]);
    expect(await codes(variant(edits, SHOP + SECRET))).toEqual([]);
    expect(await codes(variant(edits, SHOP + SECRET.replace("namespace: shop", "namespace: default")))).toEqual(["D016 envoyextensionpolicy.yaml", "D016 trafficextension.yaml", "D016 wasmplugin.yaml"]);
    // Without --manifests there is no Secret to look for.
    expect(await codes(variant(edits))).toEqual([]);
  });
});

describe("filterc doctor reads trafficextension.yaml", () => {
  it("D001 and D002 check its selector and targetRefs", async () => {
    const onlyTe = (t: string) => t.replace("app: shop", "app: store");
    expect(await codes(variant({ "trafficextension.yaml": onlyTe }, SHOP))).toEqual(["D001 trafficextension.yaml"]);
    const refs = (name: string) => ({ "trafficextension.yaml": (t: string) => t.replace("  selector:\n    matchLabels:\n      app: shop\n", `  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: ${name}\n`) });
    expect(await codes(variant(refs("private"), SHOP))).toEqual(["D002 trafficextension.yaml"]);
    expect(await codes(variant(refs("public"), SHOP))).toEqual([]);
  });

  it("D011 warns when it fails open with rules that deny", async () => {
    expect(await codes(variant({ "trafficextension.yaml": (t) => t.replace("failStrategy: FAIL_CLOSE", "failStrategy: FAIL_OPEN") }))).toEqual(["D011 trafficextension.yaml"]);
  });
});
