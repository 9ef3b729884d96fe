import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { tempDir } from "../support/cli.js";
import { readZip } from "./zip.js";

/**
 * The VS Code extension builds into a .vsix (editors/vscode/scripts/package.mjs runs vsce package, offline) that
 * holds the client, the language configuration, the grammar and every module the client requires.
 */
describe("the VS Code extension package", () => {
  const out = join(tempDir("filterc-vsix-test-"), "filterc.vsix");
  const build = spawnSync(process.execPath, [join(repoRoot, "editors/vscode/scripts/package.mjs"), "--out", out], { encoding: "utf8", timeout: 120_000 });

  afterAll(() => {
    for (const dir of [dirname(out), unpacked]) rmSync(dir, { recursive: true, force: true });
  });

  it("builds with vsce, offline, and says where", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toBe(`${out}\n`);
  });

  const files = build.status === 0 ? readZip(readFileSync(out)) : new Map<string, Buffer>();
  const names = [...files.keys()];
  const unpacked = tempDir("filterc-vsix-unpacked-");

  it("holds the manifest, the client, the language configuration and the grammar, and not the build script", () => {
    expect(names).toEqual(expect.arrayContaining(["extension.vsixmanifest", "extension/package.json", "extension/extension.js", "extension/language-configuration.json", "extension/syntaxes/filterc.tmLanguage.json", "extension/readme.md"]));
    expect(names.filter((n) => n.includes("scripts/"))).toEqual([]);
    expect(files.get("extension/syntaxes/filterc.tmLanguage.json")!.toString()).toBe(readFileSync(join(repoRoot, "editors/textmate/filterc.tmLanguage.json"), "utf8"));
    const manifest = JSON.parse(files.get("extension/package.json")!.toString());
    expect(manifest.contributes.languages[0]).toMatchObject({ id: "filterc", extensions: [".fw", ".rules"] });
    expect(manifest.contributes.grammars[0]).toEqual({ language: "filterc", scopeName: "source.filterc", path: "./syntaxes/filterc.tmLanguage.json" });
    expect(Object.keys(manifest.contributes.configuration.properties)).toContain("filterc.path");
    expect(files.get("extension.vsixmanifest")!.toString()).toContain('Id="filterc"');
  });

  it("packs every module the client requires, so it loads without npm install", () => {
    for (const [name, data] of files) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), data);
    }
    // From extension.js, every module it requires, and theirs: what VS Code loads when the extension starts.
    const missing: string[] = [];
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const require = createRequire(file);
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
        // `vscode` is the editor's own API, provided at runtime; Node's built-ins are Node's.
        if (specifier === "vscode" || specifier.startsWith("node:") || builtinModules.includes(specifier!)) continue;
        try {
          const resolved = require.resolve(specifier!);
          if (resolved.startsWith(unpacked)) visit(resolved);
          else missing.push(`${file}: ${specifier} resolves outside the package, to ${resolved}`);
        } catch {
          missing.push(`${file}: ${specifier}`);
        }
      }
    };
    visit(join(unpacked, "extension/extension.js"));
    expect(spawnSync(process.execPath, ["--check", join(unpacked, "extension/extension.js")]).status, "extension.js is valid JavaScript").toBe(0);
    expect(missing).toEqual([]);
    expect(loaded.size).toBeGreaterThan(50);
    expect(names).toContain("extension/node_modules/vscode-languageclient/lib/node/main.js");
    expect(names.filter((n) => n.includes("/lib/browser/") || n.endsWith("eslint.config.js"))).toEqual([]);
  });
});
