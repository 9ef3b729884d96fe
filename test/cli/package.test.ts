import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir, type CliResult } from "../support/cli.js";
import { filesUnder, readLayout, untar, type ReadLayout } from "../support/oci-reader.js";
import { schemaCopy } from "../support/schemas.js";
import { envoyExtensionPolicyCelViolations } from "../emit/gateway-cel-rules.js";
import { trafficExtensionCelViolations, wasmPluginCelViolations } from "../emit/istio-cel-rules.js";
import { crdValidator, errorText } from "../emit/istio-crds.js";

/** `filterc package` run as a user would: the image read back from disk, every digest recomputed (docs/deploy.md). */

/** Tests that build more than once, or a 1 MB module: room for a loaded machine, not a measure of speed. */
const SEVERAL_BUILDS = 240_000;

const RULES = 'param greeting = "world"\non response_headers set "hello" = greeting\n';
const IMAGE = "registry.example.com/filters/hello:1.0.0";

function project(): string {
  const dir = tempDir("filterc-package-");
  writeFileSync(join(dir, "hello.fw"), RULES);
  return dir;
}

const tarFiles = (path: string) => new Map(untar(readFileSync(path)).map((m) => [m.name, m.content]));
const yamlOf = (dir: string, name: string) => parseYaml(readFileSync(join(dir, name), "utf8"));

describe("filterc package --oci DIR --image --configmap", () => {
  let dir: string;
  let result: CliResult;
  let layout: ReadLayout;
  beforeAll(() => {
    dir = project();
    result = runCli(["package", join(dir, "hello.fw"), "--oci", join(dir, "image"), "--image", IMAGE, "--configmap", "--policy-target-ref", "HTTPRoute/backend", "-o", join(dir, "out")]);
    layout = readLayout(filesUnder(join(dir, "image")));
  }, SEVERAL_BUILDS);

  it("writes an image layout whose single layer holds the built filter.wasm as plugin.wasm, and prints the manifest digest", () => {
    expect(result.status, result.stderr).toBe(0);
    expect(layout.wasm).toEqual(readFileSync(join(dir, "out", "filter.wasm")));
    expect(result.stdout).toContain(`manifest digest ${layout.manifestDigest} (for ${IMAGE})`);
    expect(result.stdout).toContain(`push: oras cp --from-oci-layout ${join(dir, "image")}:1.0.0 ${IMAGE}`);
    expect(layout.index.manifests[0]!.annotations!["org.opencontainers.image.ref.name"]).toBe("1.0.0");
    expect(readdirSync(join(dir, "image")).sort()).toEqual(["blobs", "index.json", "oci-layout"]);
  });

  it("pins WasmPlugin and TrafficExtension to oci://IMAGE by the manifest digest, and each validates against Istio's CRD", () => {
    const digest = layout.manifestDigest.slice("sha256:".length);
    const plugin = yamlOf(join(dir, "out"), "wasmplugin.yaml");
    const extension = yamlOf(join(dir, "out"), "trafficextension.yaml");
    expect([plugin.spec.url, plugin.spec.sha256]).toEqual([`oci://${IMAGE}`, digest]);
    expect([extension.spec.wasm.url, extension.spec.wasm.sha256]).toEqual([`oci://${IMAGE}`, digest]);
    expect(extension.spec.wasm.pluginConfig).toEqual({ greeting: "world" });
    const validatePlugin = crdValidator("WasmPlugin", "extensions.istio.io/v1alpha1");
    expect(validatePlugin(plugin), errorText(validatePlugin)).toBe(true);
    expect(wasmPluginCelViolations(plugin)).toEqual([]);
    const validateExtension = crdValidator("TrafficExtension", "extensions.istio.io/v1alpha1");
    expect(validateExtension(extension), errorText(validateExtension)).toBe(true);
    expect(trafficExtensionCelViolations(extension)).toEqual([]);
  });

  it("writes an EnvoyExtensionPolicy that pulls the image without a scheme, by the same digest, valid against Envoy Gateway's CRD", () => {
    const policy = yamlOf(join(dir, "out"), "envoyextensionpolicy.yaml");
    expect(policy.spec.wasm[0].code).toEqual({ type: "Image", image: { url: IMAGE, sha256: layout.manifestDigest.slice(7) } });
    expect(policy.spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "backend" }]);
    const validate = crdValidator("EnvoyExtensionPolicy", "gateway.envoyproxy.io/v1alpha1", schemaCopy("envoy-gateway-envoyextensionpolicy-crd.yaml"));
    expect(validate(policy), errorText(validate)).toBe(true);
    expect(envoyExtensionPolicyCelViolations(policy)).toEqual([]);
  });

  it("writes the module into a ConfigMap and the annotations that mount it where envoyfilter.yaml loads it", () => {
    const configMap = yamlOf(join(dir, "out"), "configmap.yaml");
    expect(Buffer.from(configMap.binaryData["filter.wasm"], "base64")).toEqual(readFileSync(join(dir, "out", "filter.wasm")));
    const filename = yamlOf(join(dir, "out"), "envoyfilter.yaml").spec.configPatches[0].patch.value.typed_config.config.vm_config.code.local.filename;
    const mounts = JSON.parse(yamlOf(join(dir, "out"), "wasm-mount.yaml").spec.template.metadata.annotations["sidecar.istio.io/userVolumeMount"]);
    expect(mounts[0].mountPath).toBe(filename);
    expect(result.stderr).not.toContain("kubectl create");
  });
});

describe("filterc package --oci FILE.tar", () => {
  it("writes the same layout as one tar file, byte for byte the same on a second run, with the directory form's digests", () => {
    const dir = project();
    const first = runCli(["package", join(dir, "hello.fw"), "--oci", join(dir, "a.tar"), "--image", IMAGE, "-o", join(dir, "out-a")]);
    expect(first.status, first.stderr).toBe(0);
    const second = runCli(["package", join(dir, "hello.fw"), "--oci", join(dir, "b.tar"), "--image", IMAGE, "-o", join(dir, "out-b")]);
    expect(second.status, second.stderr).toBe(0);
    expect(readFileSync(join(dir, "a.tar"))).toEqual(readFileSync(join(dir, "b.tar")));
    const layout = readLayout(tarFiles(join(dir, "a.tar")));
    expect(layout.wasm).toEqual(readFileSync(join(dir, "out-a", "filter.wasm")));
    expect(first.stdout).toContain(`manifest digest ${layout.manifestDigest}`);
    expect(first.stdout).toContain(`push: skopeo copy oci-archive:${join(dir, "a.tar")}:1.0.0 docker://${IMAGE}`);
    // The directory form of the same build holds the same files.
    const again = runCli(["package", join(dir, "hello.fw"), "--oci", join(dir, "layout"), "--image", IMAGE, "-o", join(dir, "out-c")]);
    expect(again.status, again.stderr).toBe(0);
    expect(filesUnder(join(dir, "layout"))).toEqual(tarFiles(join(dir, "a.tar")));
  }, SEVERAL_BUILDS);
});

describe("filterc package, the wrong way", () => {
  const dir = project();
  const rules = join(dir, "hello.fw");
  const refused = (args: string[], status: number, message: string) => {
    const result = runCli(["package", ...args]);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(status);
    return result;
  };

  it("refuses a bad --image before building, writing nothing", () => {
    refused([rules, "--oci", join(dir, "i1"), "--image", "hello:1", "-o", join(dir, "o1")], 2, 'error[E0630]: --image "hello:1" has no registry');
    refused([rules, "--oci", join(dir, "i1"), "--image", "oci://r.example.com/a:1", "-o", join(dir, "o1")], 2, "error[E0630]");
    expect(existsSync(join(dir, "i1"))).toBe(false);
    expect(existsSync(join(dir, "o1"))).toBe(false);
  });

  it("refuses an --oci directory holding other files, a .tar path that is a directory, and the output folder itself", () => {
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "keep.txt"), "mine");
    refused([rules, "--oci", join(dir, "src"), "-o", join(dir, "o2")], 2, "error[E0632]: --oci " + join(dir, "src") + " is a directory that holds other files (keep.txt)");
    mkdirSync(join(dir, "x.tar"));
    refused([rules, "--oci", join(dir, "x.tar"), "-o", join(dir, "o2")], 2, "error[E0632]");
    refused([rules, "--oci", join(dir, "o3"), "-o", join(dir, "o3")], 2, "is the output directory");
    expect(readdirSync(join(dir, "src"))).toEqual(["keep.txt"]);
    expect(statSync(join(dir, "x.tar")).isDirectory()).toBe(true);
  });

  it("says what is missing: an output form, --oci for --image, a policy target", () => {
    refused([rules, "-o", join(dir, "o4")], 2, "filterc package needs --oci PATH (an OCI image), --configmap, or both");
    refused([rules, "--image", IMAGE, "--configmap", "-o", join(dir, "o4")], 2, "--image needs --oci PATH");
    refused([rules, "--oci", join(dir, "i4"), "--image", IMAGE, "--target", "envoyextensionpolicy", "-o", join(dir, "o4")], 2, "error[E0633]");
    expect(existsSync(join(dir, "o4"))).toBe(false);
    expect(existsSync(join(dir, "i4"))).toBe(false);
  }, SEVERAL_BUILDS);

  it("refuses an output folder under a file before building, writing no image", () => {
    writeFileSync(join(dir, "plain"), "a file");
    refused([rules, "--oci", join(dir, "i7"), "-o", join(dir, "plain", "out")], 2, `${join(dir, "plain")}`);
    expect(existsSync(join(dir, "i7"))).toBe(false);
  });

  it("refuses a directory as the rule file", () => {
    refused([dir, "--oci", join(dir, "i5")], 2, `cannot read ${dir}: it is a directory`);
  });

  it("refuses a module over 1 MiB for --configmap with E0631, writing nothing", () => {
    // A header value of 1.1 MB makes a module of about that size.
    const big = join(dir, "big.fw");
    let value = "";
    for (let i = 0; value.length < 1_100_000; i++) value += (i * 2654435761 % 4294967296).toString(36);
    writeFileSync(big, `on response_headers set "x-big" = "${value}"\n`);
    const result = refused([big, "--configmap", "-o", join(dir, "o6")], 1, "over the 1048576-byte (1 MiB) limit of a ConfigMap; nothing was written");
    expect(result.stderr).toContain("error[E0631]: filter.wasm is ");
    expect(existsSync(join(dir, "o6"))).toBe(false);
  }, SEVERAL_BUILDS);
});
