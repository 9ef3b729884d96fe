import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { existingPaths, ScaffoldConflictError, writeScaffold, type ScaffoldFile } from "../../compiler/scaffold/index.js";
import { tempDir } from "../support/cli.js";
import { readTree } from "./helpers.js";

const files: ScaffoldFile[] = [
  { path: "gate.fw", content: "rules\n" },
  { path: "README.md", content: "readme\n" },
  { path: ".github/workflows/filterc.yml", content: "ci\n" },
];

describe("writeScaffold", () => {
  it("creates the directory and every file in it", () => {
    const dir = join(tempDir("filterc-init-"), "new", "project");
    const written = writeScaffold(dir, files);
    expect(written).toEqual(files.map((f) => join(dir, f.path)));
    expect(readTree(dir)).toEqual({ "gate.fw": "rules\n", "README.md": "readme\n", ".github/workflows/filterc.yml": "ci\n" });
  });

  it("refuses, naming every file that exists, and writes nothing", () => {
    const dir = tempDir("filterc-init-");
    writeFileSync(join(dir, "README.md"), "mine\n");
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/filterc.yml"), "mine too\n");
    const attempt = () => writeScaffold(dir, files);
    expect(attempt).toThrow(ScaffoldConflictError);
    try {
      attempt();
    } catch (error) {
      expect((error as ScaffoldConflictError).existing).toEqual(["README.md", ".github/workflows/filterc.yml"]);
    }
    expect(readTree(dir)).toEqual({ "README.md": "mine\n", ".github/workflows/filterc.yml": "mine too\n" });
  });

  it("counts a dangling symbolic link as a file that exists", () => {
    const dir = tempDir("filterc-init-");
    symlinkSync(join(dir, "nowhere"), join(dir, "gate.fw"));
    expect(existingPaths(dir, files.map((f) => f.path))).toEqual(["gate.fw"]);
    expect(() => writeScaffold(dir, files)).toThrow(ScaffoldConflictError);
    expect(existsSync(join(dir, "README.md"))).toBe(false);
  });

  it("replaces existing files with force, leaving no temporary file", () => {
    const dir = tempDir("filterc-init-");
    writeFileSync(join(dir, "README.md"), "mine\n");
    writeFileSync(join(dir, "notes.txt"), "kept\n");
    writeScaffold(dir, files, { force: true });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("readme\n");
    expect(readdirSync(dir).sort()).toEqual([".github", "README.md", "gate.fw", "notes.txt"]);
  });
});
