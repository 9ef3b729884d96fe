import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * Reads back what `filterc package --oci` wrote, independently of compiler/package: a ustar reader and an OCI
 * image-layout walker that recompute every digest and size, so a test fails on any entry a fetcher would reject.
 */

export interface TarMember {
  readonly name: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly typeflag: string;
  readonly magic: string;
  readonly content: Buffer;
}

export function untar(archive: Buffer): TarMember[] {
  const members: TarMember[] = [];
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const text = (start: number, length: number) => header.subarray(start, start + length).toString("latin1").replace(/\0.*$/s, "");
    const octal = (start: number, length: number) => parseInt(text(start, length).trim() || "0", 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    if (sum !== octal(148, 8)) throw new Error(`bad tar header checksum at ${offset}`);
    const size = octal(124, 12);
    const start = offset + 512;
    members.push({ name: text(0, 100), mode: octal(100, 8), uid: octal(108, 8), gid: octal(116, 8), mtime: octal(136, 12), typeflag: text(156, 1), magic: header.subarray(257, 263).toString("latin1"), content: archive.subarray(start, start + size) });
    offset = start + Math.ceil(size / 512) * 512;
  }
  // The archive ends with two zero blocks.
  if (!archive.subarray(offset, offset + 1024).every((b) => b === 0) || archive.length < offset + 1024) throw new Error("tar archive does not end with two zero blocks");
  return members;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ReadLayout {
  readonly index: { schemaVersion: number; mediaType: string; manifests: Descriptor[] };
  readonly manifest: { schemaVersion: number; mediaType: string; config: Descriptor; layers: Descriptor[] };
  readonly manifestDigest: string;
  readonly config: { architecture: string; os: string; rootfs: { type: string; diff_ids: string[] } };
  readonly layerGzip: Buffer;
  readonly layerMembers: TarMember[];
  readonly wasm: Buffer;
}

/** A layout's files by path; every blob is checked against its name and every descriptor against its blob. */
export function readLayout(files: ReadonlyMap<string, Buffer>): ReadLayout {
  const json = (path: string) => JSON.parse(required(files, path).toString("utf8"));
  if (json("oci-layout").imageLayoutVersion !== "1.0.0") throw new Error("oci-layout is not 1.0.0");
  for (const [path, bytes] of files) {
    const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
    if (m !== null && sha256(bytes) !== m[1]) throw new Error(`${path} does not hash to its name`);
  }
  const blob = (d: Descriptor) => {
    const bytes = required(files, `blobs/${d.digest.replace(":", "/")}`);
    if (bytes.length !== d.size) throw new Error(`${d.digest}: size ${bytes.length}, descriptor says ${d.size}`);
    return bytes;
  };
  const index = json("index.json");
  if (index.manifests.length !== 1) throw new Error(`index.json has ${index.manifests.length} manifests`);
  const manifestBytes = blob(index.manifests[0]);
  const manifest = JSON.parse(manifestBytes.toString("utf8"));
  const config = JSON.parse(blob(manifest.config).toString("utf8"));
  if (manifest.layers.length !== 1) throw new Error(`${manifest.layers.length} layers`);
  const layerGzip = blob(manifest.layers[0]);
  const tar = gunzipSync(layerGzip);
  if (config.rootfs.diff_ids[0] !== `sha256:${sha256(tar)}`) throw new Error("diff_id is not the digest of the uncompressed layer");
  const layerMembers = untar(tar);
  const plugin = layerMembers.find((m) => m.name === "plugin.wasm");
  if (plugin === undefined) throw new Error("no plugin.wasm at the layer's root");
  return { index, manifest, manifestDigest: `sha256:${sha256(manifestBytes)}`, config, layerGzip, layerMembers, wasm: plugin.content };
}

function required(files: ReadonlyMap<string, Buffer>, path: string): Buffer {
  const bytes = files.get(path);
  if (bytes === undefined) throw new Error(`the layout has no ${path}`);
  return bytes;
}

/** Every file under a directory (an image layout on disk), by its path relative to it. */
export function filesUnder(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.set(relative(root, path), readFileSync(path));
    }
  };
  visit(root);
  return out;
}
