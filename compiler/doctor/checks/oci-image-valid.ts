import { gunzipSync } from "node:zlib";
import { sha256Hex } from "../../digest.js";
import { readTarArchive } from "../../package/untar.js";
import type { DoctorCheck } from "../check.js";
import { ociManifest } from "../oci-layout.js";

const TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
const WASM_CONTENT = "application/vnd.module.wasm.content.layer.v1+wasm";

/**
 * The module the fetcher would find in the image, or why it finds none. The two forms are those of Istio's
 * pkg/wasm/imagefetcher.go (Envoy Gateway copies it): the "compat" form, whose last layer is a tar+gzip with an
 * entry named plugin.wasm, and the two-layer "oci" artifact form with a raw wasm layer. A single wasm-content layer
 * is neither, and the fetcher refuses it ("number of layers must be 2").
 */
function moduleInImage(layers: any[], blob: (digest: string) => Uint8Array | undefined): { wasm: Uint8Array } | { problem: string } {
  if (layers.length === 0) return { problem: "the manifest has no layers" };
  const wasmLayers = layers.filter((l) => l?.mediaType === WASM_CONTENT);
  if (wasmLayers.length > 0) {
    if (layers.length !== 2) return { problem: `the manifest has ${layers.length} layer${layers.length === 1 ? "" : "s"} with a ${WASM_CONTENT} layer, and the fetcher wants exactly 2 for that form` };
    const wasm = blob(wasmLayers[0].digest);
    return wasm === undefined ? { problem: `the wasm layer ${wasmLayers[0].digest} is not in blobs/sha256` } : { wasm };
  }
  const last = layers[layers.length - 1];
  if (last?.mediaType !== TAR_GZIP) return { problem: `the last layer's media type is ${last?.mediaType}, and the fetcher reads only ${TAR_GZIP} (or a two-layer image with a ${WASM_CONTENT} layer)` };
  const gz = blob(last.digest);
  if (gz === undefined) return { problem: `the last layer ${last.digest} is not in blobs/sha256` };
  let entries;
  try {
    entries = readTarArchive(gunzipSync(gz));
  } catch {
    return { problem: `the last layer ${last.digest} is not gzip` };
  }
  // Older Istio compares the entry's full name, so plugin.wasm must sit at the root, not under ./ or a folder.
  const plugin = entries?.find((e) => e.name === "plugin.wasm");
  return plugin === undefined ? { problem: `the last layer holds no plugin.wasm at the tar root (it has ${entries?.map((e) => e.name).join(", ") || "no files"})` } : { wasm: plugin.content };
}

const check: DoctorCheck = {
  meta: {
    code: "D014",
    id: "oci-image-valid",
    severity: "error",
    title: "the OCI image is not one the fetchers load, or not this build's module",
    why: "Istio's agent and Envoy Gateway pull the image and look for the module in one of two layer layouts (the last layer a tar+gzip holding plugin.wasm, or exactly two layers one of which is the raw wasm); any other layout, a blob whose digest is not its name, or another build's module fails the pull or loads the wrong filter.",
    fix: "package the module of this build again: `filterc package RULES --oci PATH --image REGISTRY/NAME:TAG`, and push that image",
  },
  run(context) {
    const layout = context.oci;
    if (layout === undefined) return;
    const report = (message: string) => context.report({ source: layout.source, span: { start: 0, end: 0 }, message, hint: check.meta.fix });
    for (const [name, bytes] of layout.files) {
      const hex = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name)?.[1];
      if (hex !== undefined && sha256Hex(bytes) !== hex) report(`blob ${name} has the digest sha256:${sha256Hex(bytes)}, not its name: a registry refuses it`);
    }
    const found = ociManifest(layout);
    if ("problem" in found) return report(found.problem);
    const layers: any[] = Array.isArray(found.manifest.layers) ? found.manifest.layers : [];
    const module = moduleInImage(layers, (digest) => (typeof digest === "string" ? layout.files.get(`blobs/${digest.replace(":", "/")}`) : undefined));
    if ("problem" in module) return report(module.problem);
    const sha = sha256Hex(module.wasm);
    if (sha !== context.output.sha256) report(`the image's module has the sha256 ${sha}, and filter.wasm's is ${context.output.sha256}: the image holds another build`);
  },
};

export default check;
