import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Source } from "../../grammar/source.js";
import { withFileErrors } from "../file-errors.js";
import { readTarArchive } from "../package/untar.js";
import { OutputFolderError } from "./build-output.js";

/** An OCI image layout (`filterc package --oci`) as doctor reads it: its files by name, whatever held them. */
export interface OciLayout {
  /** Where findings about the image point: index.json's text, named inside the layout or the archive. */
  readonly source: Source;
  /** `oci-layout`, `index.json`, `blobs/sha256/<hex>`, ... as written in the directory or the archive. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Reads `--oci PATH`: a layout directory or a `.tar` of one. A path that does not exist or is neither is a usage
 * error; what is inside (a missing index.json, a wrong digest) is left to the checks, which report it as findings.
 */
export function readOciLayout(path: string, cwd: string): OciLayout {
  if (!existsSync(path)) throw new OutputFolderError(`--oci ${path} does not exist: name the directory or .tar that \`filterc package --oci\` wrote`);
  const files = new Map<string, Uint8Array>();
  if (statSync(path).isDirectory()) {
    for (const name of listFiles(path)) files.set(name, new Uint8Array(withFileErrors("read", join(path, name), () => readFileSync(join(path, name)))));
  } else {
    const entries = readTarArchive(withFileErrors("read", path, () => readFileSync(path)));
    if (entries === undefined) throw new OutputFolderError(`--oci ${path} is not a tar archive: name the directory or .tar that \`filterc package --oci\` wrote`);
    for (const entry of entries) files.set(entry.name.replace(/^\.\//, ""), entry.content);
  }
  // Neither marker file: a folder or archive of something else (the output folder, say), not a broken image.
  if (!files.has("oci-layout") && !files.has("index.json")) throw new OutputFolderError(`--oci ${path} is not an OCI image layout (it has no oci-layout or index.json): name the directory or .tar that \`filterc package --oci\` wrote`);
  const shown = relative(cwd, path).startsWith("..") ? path : relative(cwd, path) || ".";
  const index = files.get("index.json");
  return { source: new Source(`${shown}${statSync(path).isDirectory() ? "/" : ":"}index.json`, index === undefined ? "" : Buffer.from(index).toString("utf8")), files };
}

function listFiles(dir: string, prefix = ""): string[] {
  return withFileErrors("read", dir, () => readdirSync(join(dir, prefix), { withFileTypes: true })).flatMap((entry) => {
    const name = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(dir, name) : entry.isFile() ? [name] : [];
  });
}

/** The manifest index.json names, when it names exactly one: its digest (`sha256:<hex>`) and its parsed JSON. */
export function ociManifest(layout: OciLayout): { digest: string; manifest: any } | { problem: string } {
  const index = parseJson(layout.files.get("index.json"));
  if (index === undefined) return { problem: "the image has no index.json, or it is not JSON" };
  const manifests: any[] = Array.isArray(index.manifests) ? index.manifests : [];
  if (manifests.length !== 1) return { problem: `index.json names ${manifests.length} manifests, and a wasm image has exactly one` };
  const digest = manifests[0]?.digest;
  if (typeof digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(digest)) return { problem: `index.json's manifest digest ${JSON.stringify(digest)} is not sha256: and 64 hex digits` };
  const manifest = parseJson(layout.files.get(`blobs/sha256/${digest.slice(7)}`));
  if (manifest === undefined) return { problem: `the manifest ${digest} is not in blobs/sha256, or it is not JSON` };
  return { digest, manifest };
}

export function parseJson(bytes: Uint8Array | undefined): any {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
}
