import { sha256Hex } from "../digest.js";
import { reproducibleGzip } from "./gzip.js";
import { tarArchive } from "./tar.js";
import type { ImageReference } from "./image-reference.js";

/** The media types of the "compat" image variant both Istio's and Envoy Gateway's fetchers accept. */
export const MEDIA_TYPES = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layer: "application/vnd.oci.image.layer.v1.tar+gzip",
} as const;

/** The name the fetchers look for inside the layer (they compare the entry's base name, older Istio the full name). */
export const PLUGIN_FILE = "plugin.wasm";

export interface Blob {
  readonly mediaType: string;
  /** `sha256:` and the hex digest of `bytes`. */
  readonly digest: string;
  readonly bytes: Uint8Array;
}

export interface OciImage {
  readonly layer: Blob;
  readonly config: Blob;
  readonly manifest: Blob;
  /** The manifest digest's hex: what WasmPlugin/TrafficExtension `sha256` and Envoy Gateway's image `sha256` compare. */
  readonly manifestDigestHex: string;
  /** The layout's files: `oci-layout`, `index.json` and every blob, sorted by name. */
  readonly files: readonly { readonly name: string; readonly content: Uint8Array }[];
}

/**
 * The OCI image for a module, in the single-layer "compat" form: one tar+gzip layer holding `plugin.wasm` at its
 * root, the form Istio's pkg/wasm/imagefetcher.go (extractOCIStandardImage) and Envoy Gateway's copy of it read.
 * (The two-layer "oci" artifact variant needs a second layer, and a single wasm-typed layer matches neither path.)
 * Everything that could vary between builds is fixed: the tar and gzip headers (tar.ts, gzip.ts), no `created`
 * time in the config, and JSON written with a fixed key order and no spaces. So the same module always gives the
 * same three digests, and only the tag (kept in index.json, outside the manifest) depends on `--image`.
 */
export function ociImage(wasm: Uint8Array, image?: ImageReference): OciImage {
  const tar = tarArchive([{ name: PLUGIN_FILE, content: wasm }]);
  const layer = blob(MEDIA_TYPES.layer, reproducibleGzip(tar));
  const config = blob(
    MEDIA_TYPES.config,
    json({ architecture: "wasm", os: "wasip1", config: {}, rootfs: { type: "layers", diff_ids: [`sha256:${sha256Hex(tar)}`] } }),
  );
  const manifest = blob(
    MEDIA_TYPES.manifest,
    json({ schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config: descriptor(config), layers: [descriptor(layer)] }),
  );
  // ref.name is the tag (image-layout spec, "index.json"): `skopeo copy oci:image:1.0 ...` picks it by that name.
  const annotations = image === undefined ? undefined : { "io.containerd.image.name": image.reference, "org.opencontainers.image.ref.name": image.tag };
  const index = json({ schemaVersion: 2, mediaType: MEDIA_TYPES.index, manifests: [{ ...descriptor(manifest), ...(annotations === undefined ? {} : { annotations }) }] });
  const files = [
    { name: "oci-layout", content: json({ imageLayoutVersion: "1.0.0" }) },
    { name: "index.json", content: index },
    ...[layer, config, manifest].map((b) => ({ name: blobPath(b.digest), content: b.bytes })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { layer, config, manifest, manifestDigestHex: manifest.digest.slice("sha256:".length), files };
}

/** Where a blob lives in an image layout: `blobs/sha256/<hex>`. */
export function blobPath(digest: string): string {
  return `blobs/${digest.replace(":", "/")}`;
}

function blob(mediaType: string, bytes: Uint8Array): Blob {
  return { mediaType, digest: `sha256:${sha256Hex(bytes)}`, bytes };
}

function descriptor(b: Blob): { mediaType: string; digest: string; size: number } {
  return { mediaType: b.mediaType, digest: b.digest, size: b.bytes.length };
}

function json(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), "utf8");
}
