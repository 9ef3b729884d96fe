import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TEMPLATES } from "../../compiler/scaffold/index.js";
import { runCli, tempDir } from "../support/cli.js";
import { readTree } from "./helpers.js";

const PROJECT_FILES = ["gate.fw", "gate.test.yaml", "filterc.yaml", "README.md", ".github/workflows/filterc.yml"];

describe("filterc init without a terminal", () => {
  it("creates the project the flags describe and says what to run next", () => {
    const dir = join(tempDir("filterc-init-"), "gate-project");
    const run = runCli(["init", dir, "--template", "auth-gate", "--target", "envoyfilter", "--name", "gate", "--namespace", "shop"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(Object.keys(readTree(dir)).sort()).toEqual([...PROJECT_FILES].sort());
    expect(run.stdout).toContain("Created gate (template: auth gate, target: Istio EnvoyFilter):\n");
    for (const path of PROJECT_FILES) expect(run.stdout).toContain(`  ${join(dir, path)}\n`);
    expect(run.stdout).toContain(`Next:\n  cd ${dir}\n  filterc lint\n  filterc test gate.fw\n  filterc build gate.fw -o out\n`);
    expect(readFileSync(join(dir, "gate.fw"), "utf8")).toBe(TEMPLATES["auth-gate"].rules);
    expect(parse(readFileSync(join(dir, "filterc.yaml"), "utf8"))).toMatchObject({ name: "gate", namespace: "shop", wasmPath: "/var/local/filter.wasm" });
  });

  it("exits 2 naming the missing flags, and writes nothing", () => {
    const dir = join(tempDir("filterc-init-"), "p");
    const none = runCli(["init", dir]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      "error: filterc init cannot ask questions without a terminal: give --template and --target, or --yes for the defaults (--template hello --target wasmplugin)\n",
    );
    const half = runCli(["init", dir, "--template", "canary"]);
    expect(half.status).toBe(2);
    expect(half.stderr).toContain("give --target, or --yes");
    expect(existsSync(dir)).toBe(false);
  });

  it("takes the defaults with --yes, naming the filter after the directory", () => {
    const dir = join(tempDir("filterc-init-"), "Edge Filters");
    const run = runCli(["init", "--yes"], { cwd: (mkdirSync(dir), dir) });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Created edge-filters (template: hello, target: Istio WasmPlugin):\n");
    expect(run.stdout).not.toContain("cd ");
    expect(readFileSync(join(dir, "edge-filters.fw"), "utf8")).toBe(TEMPLATES.hello.rules);
    expect(parse(readFileSync(join(dir, "filterc.yaml"), "utf8"))).toMatchObject({ name: "edge-filters", namespace: "default" });
  });

  it("refuses to overwrite with exit 1, listing the files that exist, and replaces them with --force", () => {
    const dir = tempDir("filterc-init-");
    writeFileSync(join(dir, "README.md"), "my readme\n");
    writeFileSync(join(dir, "filterc.yaml"), "name: mine\n");
    const args = ["init", dir, "-t", "hello", "--target", "envoy", "--name", "gate"];
    const refused = runCli(args);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `error: these files already exist:\n  ${join(dir, "filterc.yaml")}\n  ${join(dir, "README.md")}\n` +
        "nothing was written; run filterc init again with --force to overwrite them, or in another directory\n",
    );
    expect(readTree(dir)).toEqual({ "README.md": "my readme\n", "filterc.yaml": "name: mine\n" });

    const forced = runCli([...args, "--force"]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain(`  ${join(dir, "README.md")} (replaced)\n`);
    expect(forced.stdout).toContain(`  ${join(dir, "gate.fw")}\n`);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# gate\n/);
  });

  it("exits 2 on an unknown template, a bad name, or a directory that is a file", () => {
    const dir = tempDir("filterc-init-");
    const template = runCli(["init", dir, "-t", "auth-gat", "--target", "envoy"]);
    expect(template.status).toBe(2);
    expect(template.stderr).toBe("error: unknown template `auth-gat`; the templates are hello, security-headers, auth-gate, canary (did you mean `auth-gate`?)\n");
    const name = runCli(["init", dir, "--yes", "--name", "My_Filter"]);
    expect(name.status).toBe(2);
    expect(name.stderr).toContain('--name "My_Filter" cannot name a filter: use lower-case letters');
    writeFileSync(join(dir, "file"), "");
    const file = runCli(["init", join(dir, "file"), "--yes"]);
    expect(file.status).toBe(2);
    expect(file.stderr).toBe(`error: ${join(dir, "file")} is not a directory\n`);
    expect(readTree(dir)).toEqual({ file: "" });
  });

  it("points CI at the project's directory inside a git repository", () => {
    const repo = tempDir("filterc-init-");
    mkdirSync(join(repo, ".git"));
    const dir = join(repo, "filters", "gate");
    const run = runCli(["init", dir, "--yes"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("GitHub reads workflows only from the repository's root: move .github/workflows/filterc.yml there.\n");
    const workflow = parse(readFileSync(join(dir, ".github/workflows/filterc.yml"), "utf8"));
    expect(workflow.jobs["filter-gate"].defaults.run["working-directory"]).toBe("filters/gate");
    expect(basename(dir)).toBe("gate");
  });
});
