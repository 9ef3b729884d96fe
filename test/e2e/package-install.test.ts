import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../support/cli.js";
import { repoRoot } from "../support/paths.js";

/**
 * The package as npm publishes it: `npm pack` (dist/ as `npm test` built it; --ignore-scripts so packing does not
 * rebuild it), then an install of the tarball into an empty folder with no network. `npm install --offline` cannot
 * resolve the dependencies' version ranges from a cache that `npm ci` filled (it holds tarballs, not registry
 * metadata), so the folder gets a lock file made of this repository's: filterc from the tarball, and the
 * non-development entries of package-lock.json with their resolved URLs and integrity, which `npm ci --offline`
 * finds in the cache.
 */
let work: string;
let files: string[];

function npm(args: string[], cwd: string) {
  const result = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false" } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function installLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, Record<string, unknown>> };
  const self = lock.packages[""]!;
  const runtime = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith("node_modules/") && entry.dev !== true && entry.devOptional !== true && entry.link !== true);
  return {
    name: "filterc-install-test",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "filterc-install-test", version: "1.0.0", dependencies: { filterc: `file:${tarball}` } },
      "node_modules/filterc": { version: self.version, resolved: `file:${tarball}`, dependencies: self.dependencies, bin: self.bin, engines: self.engines },
      ...Object.fromEntries(runtime),
    },
  };
}

beforeAll(() => {
  work = tempDir("filterc-pack-");
  const packed = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], repoRoot);
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  files = info.files.map((f) => f.path).sort();
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "filterc-install-test", version: "1.0.0", private: true, dependencies: { filterc: `file:${info.filename}` } }));
  writeFileSync(join(work, "package-lock.json"), JSON.stringify(installLock(info.filename)));
  const installed = npm(["ci", "--offline", "--no-audit", "--no-fund"], work);
  expect(installed.status, installed.stderr).toBe(0);
  for (const name of ["hello.fw", "hello.test.yaml"]) copyFileSync(join(repoRoot, "examples", name), join(work, name));
}, 300_000);

function filterc(args: string[]) {
  const result = spawnSync(join(work, "node_modules", ".bin", process.platform === "win32" ? "filterc.cmd" : "filterc"), args, { cwd: work, encoding: "utf8", timeout: 120_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("the published package", () => {
  it("holds the compiled CLI, compiler, language server and proxy, the AssemblyScript runtime, the schemas and the docs, and nothing else", () => {
    const top = new Set(files.map((path) => path.split("/").slice(0, path.startsWith("dist/") ? 2 : 1).join("/")));
    expect([...top].sort()).toEqual(["README.md", "dist/cli", "dist/compiler", "dist/grammar", "dist/host", "dist/lsp", "dist/serve", "docs", "package.json", "runtime", "schemas"]);
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("schemas/filterc.schema.json");
    expect(files).toContain("runtime/index.ts");
    // The scaffold's README sends users to the package's docs/ (compiler/scaffold/readme.ts).
    expect(files).toContain("docs/language.md");
    expect(files.filter((path) => /(^|\/)test\/|\.test\.|^bench|^dist\/bench|^examples\//.test(path))).toEqual([]);
  });

  it("is published by a tag workflow with provenance", () => {
    const workflow = parse(readFileSync(join(repoRoot, ".github/workflows/release.yml"), "utf8"));
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(workflow.jobs.publish.steps.map((s: { run?: string }) => s.run)).toContain("npm publish --provenance --access public");
  });

  it("builds and tests a rule file where it was installed without network", () => {
    const built = filterc(["build", "hello.fw", "-o", "out"]);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toContain("built hello.fw: filter.wasm 598 bytes");
    const tested = filterc(["test", "hello.fw"]);
    expect(tested.status, tested.stderr).toBe(0);
    expect(tested.stdout).toContain("1 of 1 rules fired (100%)");
    expect(filterc(["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version);
  });
});
