import { describe, expect, it } from "vitest";
import { MEDIA_TYPES, ociImage } from "../../compiler/package/oci-image.js";
import { parseImageReference } from "../../compiler/package/image-reference.js";
import { tarArchive } from "../../compiler/package/tar.js";
import { readLayout, sha256, untar } from "../support/oci-reader.js";

/** A small valid module header followed by bytes, so different inputs are easy to make. */
const module = (extra: number[] = []) => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...extra]);
const asFiles = (files: readonly { name: string; content: Uint8Array }[]) => new Map(files.map((f) => [f.name, Buffer.from(f.content)]));

describe("ociImage", () => {
  const image = ociImage(module([1, 2, 3]), parseImageReference("registry.example.com/filters/hello:1.0.0"));
  const layout = readLayout(asFiles(image.files));

  it("is a single tar+gzip layer holding plugin.wasm at the tar root, the form Istio's and Envoy Gateway's fetchers read", () => {
    expect(layout.manifest.layers.map((l) => l.mediaType)).toEqual([MEDIA_TYPES.layer]);
    expect(layout.manifest.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(layout.manifest.config.mediaType).toBe("application/vnd.oci.image.config.v1+json");
    expect(layout.layerMembers.map((m) => m.name)).toEqual(["plugin.wasm"]);
    expect(layout.wasm).toEqual(Buffer.from(module([1, 2, 3])));
    expect(layout.config.rootfs.type).toBe("layers");
  });

  it("reports the digest of the manifest blob, which index.json points at", () => {
    expect(layout.manifestDigest).toBe(image.manifest.digest);
    expect(image.manifestDigestHex).toBe(sha256(image.manifest.bytes));
    expect(layout.index.manifests[0]!.digest).toBe(image.manifest.digest);
    expect(layout.index.manifests[0]!.annotations).toEqual({ "io.containerd.image.name": "registry.example.com/filters/hello:1.0.0", "org.opencontainers.image.ref.name": "1.0.0" });
  });

  it("fixes every header field a build machine could vary: tar owner, mode, mtime; gzip name, mtime, OS byte", () => {
    for (const member of layout.layerMembers) {
      expect([member.uid, member.gid, member.mtime, member.mode, member.typeflag, member.magic]).toEqual([0, 0, 0, 0o644, "0", "ustar\0"]);
    }
    const gz = layout.layerGzip;
    expect([gz[0], gz[1], gz[2]]).toEqual([0x1f, 0x8b, 8]);
    expect(gz[3]).toBe(0); // FLG: no FNAME, FCOMMENT, FEXTRA
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
    expect(gz[9]).toBe(255); // OS: unknown
  });

  it("gives the same bytes and digests for the same module, and others for another", () => {
    const again = ociImage(module([1, 2, 3]), parseImageReference("registry.example.com/filters/hello:1.0.0"));
    expect(again.files).toEqual(image.files);
    const other = ociImage(module([1, 2, 4]), parseImageReference("registry.example.com/filters/hello:1.0.0"));
    expect(other.manifest.digest).not.toBe(image.manifest.digest);
    expect(other.layer.digest).not.toBe(image.layer.digest);
  });

  it("keeps the tag out of the manifest: the manifest digest depends on the module only", () => {
    const elsewhere = ociImage(module([1, 2, 3]), parseImageReference("other.example.com:5000/x:2"));
    const untagged = ociImage(module([1, 2, 3]));
    expect(elsewhere.manifest.digest).toBe(image.manifest.digest);
    expect(untagged.manifest.digest).toBe(image.manifest.digest);
    expect(readLayout(asFiles(untagged.files)).index.manifests[0]!.annotations).toBeUndefined();
  });

  it("lists the layout's files sorted: oci-layout, index.json and the three blobs", () => {
    const names = image.files.map((f) => f.name);
    expect(names).toEqual([...names].sort());
    expect(names.filter((n) => n.startsWith("blobs/sha256/"))).toHaveLength(3);
    expect(names).toContain("oci-layout");
    expect(names).toContain("index.json");
  });
});

describe("tarArchive", () => {
  it("sorts entries, pads data to 512 bytes and ends with two zero blocks", () => {
    const archive = Buffer.from(tarArchive([{ name: "b", content: new Uint8Array(513) }, { name: "a", content: new Uint8Array([7]) }]));
    expect(archive.length).toBe(512 + 512 + 512 + 1024 + 1024);
    expect(untar(archive).map((m) => [m.name, m.content.length])).toEqual([["a", 1], ["b", 513]]);
  });

  it("refuses a name that a ustar header cannot hold", () => {
    expect(() => tarArchive([{ name: "x".repeat(101), content: new Uint8Array() }])).toThrow(/1 to 100 bytes/);
  });
});
