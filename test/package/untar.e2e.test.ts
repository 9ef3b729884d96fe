// readTarArchive (doctor's reader) against what tar.ts writes and what GNU tar writes in its two formats: the
// ustar layout both of filterc's sides share (compiler/package/ustar.ts) must also be the one other tools use.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarArchive } from "../../compiler/package/tar.js";
import { readTarArchive } from "../../compiler/package/untar.js";
import { tempDir } from "../support/cli.js";

const text = (entries: ReturnType<typeof readTarArchive>) => entries?.map((e) => [e.name, Buffer.from(e.content).toString()]);

describe("readTarArchive", () => {
  it("reads back what tarArchive writes, sizes across a block boundary included", () => {
    const big = "x".repeat(513);
    const archive = tarArchive([{ name: "b/two.txt", content: Buffer.from(big) }, { name: "a.txt", content: Buffer.from("one") }]);
    expect(archive.length).toBe(512 + 512 + 512 + 1024 + 1024);
    expect(text(readTarArchive(archive))).toEqual([["a.txt", "one"], ["b/two.txt", big]]);
  });

  it("reads GNU tar's ustar format, skipping directories and joining a long name's prefix", () => {
    const dir = tempDir("filterc-untar-ustar-");
    const deep = `${"d".repeat(60)}/${"e".repeat(60)}`;
    mkdirSync(join(dir, deep), { recursive: true });
    writeFileSync(join(dir, deep, "f.txt"), "deep");
    writeFileSync(join(dir, "top.txt"), "top");
    const file = join(dir, "out.tar");
    execFileSync("tar", ["--format=ustar", "-cf", file, "-C", dir, "top.txt", deep.split("/")[0]!]);
    expect(text(readTarArchive(readFileSync(file)))).toEqual([["top.txt", "top"], [`${deep}/f.txt`, "deep"]]);
  });

  it("reads GNU tar's own format, whose magic is `ustar ` rather than `ustar\\0`", () => {
    const dir = tempDir("filterc-untar-gnu-");
    writeFileSync(join(dir, "plugin.wasm"), "wasm");
    const file = join(dir, "out.tar");
    execFileSync("tar", ["--format=gnu", "-cf", file, "-C", dir, "plugin.wasm"]);
    expect(text(readTarArchive(readFileSync(file)))).toEqual([["plugin.wasm", "wasm"]]);
  });

  it("refuses bytes that are no archive", () => {
    expect(readTarArchive(Buffer.from("not a tar archive"))).toBeUndefined();
    expect(readTarArchive(tarArchive([{ name: "a", content: Buffer.from("abc") }]).subarray(0, 514))).toBeUndefined();
  });
});
