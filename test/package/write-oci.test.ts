import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ociImage } from "../../compiler/package/oci-image.js";
import { PackageError } from "../../compiler/package/package-codes.js";
import { checkOciOutput, writeOciImage } from "../../compiler/package/write-oci.js";
import { tempDir } from "../support/cli.js";
import { filesUnder, readLayout, untar } from "../support/oci-reader.js";

const module = (last: number) => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, last]);

describe("writeOciImage", () => {
  it("writes the layout's folders and files, leaving no staging folder behind", () => {
    const dir = join(tempDir(), "image");
    writeOciImage(dir, ociImage(module(1)));
    expect(readdirSync(dir).sort()).toEqual(["blobs", "index.json", "oci-layout"]);
    expect(readLayout(filesUnder(dir)).wasm).toEqual(Buffer.from(module(1)));
  });

  it("replaces an earlier layout in the same folder: index.json then names the new manifest", () => {
    const dir = join(tempDir(), "image");
    writeOciImage(dir, ociImage(module(1)));
    const second = ociImage(module(2));
    writeOciImage(dir, second);
    const layout = readLayout(filesUnder(dir));
    expect(layout.manifestDigest).toBe(second.manifest.digest);
    expect(layout.wasm).toEqual(Buffer.from(module(2)));
  });

  it("writes a .tar as one archive of the layout, replacing an existing file", () => {
    const dir = tempDir();
    const path = join(dir, "image.tar");
    writeFileSync(path, "old");
    writeOciImage(path, ociImage(module(3)));
    expect(readdirSync(dir)).toEqual(["image.tar"]);
    const members = untar(readFileSync(path));
    expect(readLayout(new Map(members.map((m) => [m.name, m.content]))).wasm).toEqual(Buffer.from(module(3)));
  });

  it("refuses a folder with other files, a .tar that is a folder and a file where the layout goes, with E0632", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "notes.txt"), "keep");
    mkdirSync(join(dir, "x.tar"));
    writeFileSync(join(dir, "file"), "a file");
    for (const path of ["mine", "x.tar", "file"]) {
      expect(() => checkOciOutput(join(dir, path))).toThrow(PackageError);
      expect(() => writeOciImage(join(dir, path), ociImage(module(4)))).toThrow(expect.objectContaining({ code: "E0632" }));
    }
    expect(readdirSync(join(dir, "mine"))).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("a file");
    expect(() => checkOciOutput(join(dir, "new"))).not.toThrow();
  });
});
