import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles, LintUsageError } from "../../compiler/lint/files.js";
import { globToRegExp } from "../../compiler/lint/glob.js";
import { expandPaths } from "../../compiler/lint/paths.js";
import { findProjectFile } from "../../compiler/lint/project.js";
import { tempTree } from "./helpers.js";

const CLEAN = 'on response_headers set "x-a" = "1"\n';
// A rule too, so the only problem is the unused param (a file of params alone also gets W0001).
const UNUSED = "param unused = 1\non response_headers set \"x\" = \"1\"\n";

describe("globToRegExp", () => {
  it.each([
    ["*.fw", "a.fw", true],
    ["*.fw", "dir/a.fw", false],
    ["**/*.fw", "a.fw", true],
    ["**/*.fw", "a/b/c.fw", true],
    ["rules/**/*.fw", "rules/x.fw", true],
    ["rules/**/*.fw", "rules/a/b/x.fw", true],
    ["rules/**/*.fw", "other/x.fw", false],
    ["r?les/*.{fw,rules}", "rules/a.rules", true],
    ["r?les/*.{fw,rules}", "rules/a.txt", false],
    ["a.b/*.fw", "axb/x.fw", false],
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe("expandPaths", () => {
  const root = tempTree({
    "top.fw": CLEAN,
    "rules/a.fw": CLEAN,
    "rules/deep/b.rules": CLEAN,
    "rules/notes.md": "# notes",
    "rules/node_modules/dep/c.fw": CLEAN,
    "rules/.hidden/d.fw": CLEAN,
    "other.txt": CLEAN,
  });
  const rel = (files: readonly string[]) => files.map((f) => f.slice(root.length + 1));

  it("walks directories for .fw and .rules files, skipping node_modules and hidden directories", () => {
    expect(rel(expandPaths(["rules"], root).files)).toEqual(["rules/a.fw", "rules/deep/b.rules"]);
    expect(rel(expandPaths(["."], root).files)).toEqual(["rules/a.fw", "rules/deep/b.rules", "top.fw"]);
  });

  it("lints a file named explicitly whatever its extension, once", () => {
    expect(rel(expandPaths(["other.txt", "top.fw", "./top.fw"], root).files)).toEqual(["other.txt", "top.fw"]);
  });

  it("expands globs to rule files", () => {
    expect(rel(expandPaths(["**/*.fw"], root).files)).toEqual(["rules/a.fw", "top.fw"]);
    expect(rel(expandPaths(["rules/**/*.{fw,rules}"], root).files)).toEqual(["rules/a.fw", "rules/deep/b.rules"]);
    expect(rel(expandPaths([join(root, "rules", "*.fw")], "/").files)).toEqual(["rules/a.fw"]);
  });

  it("returns the arguments that matched nothing", () => {
    expect(expandPaths(["missing.fw", "rules/*.rules", "top.fw"], root).unmatched).toEqual(["missing.fw", "rules/*.rules"]);
  });
});

describe("lintFiles", () => {
  it("is a usage error when an argument matches no rule file", () => {
    const root = tempTree({ "a.fw": CLEAN });
    expect(() => lintFiles(["a.fw", "nope/*.fw"], { cwd: root })).toThrow(new LintUsageError("no rule files (.fw, .rules) match `nope/*.fw`"));
    expect(() => lintFiles(["a.fw"], { cwd: root, projectFile: "missing.yaml" })).toThrow(LintUsageError);
  });

  it("names files relative to the working directory and returns one result per rule file, sorted", () => {
    const root = tempTree({ "b.fw": UNUSED, "sub/a.fw": CLEAN });
    const { results, fileCount } = lintFiles(["."], { cwd: root });
    expect(fileCount).toBe(2);
    expect(results.map((r) => [r.filePath, r.warningCount])).toEqual([
      ["b.fw", 1],
      ["sub/a.fw", 0],
    ]);
  });

  it("configures each file with the nearest filterc.yaml, up to the repository root", () => {
    const root = tempTree({
      "filterc.yaml": "lint:\n  no-unused-param: error\n",
      "repo/filterc.yaml": "lint:\n  no-unused-param: off\n",
      "repo/a.fw": UNUSED,
      "repo/sub/b.fw": UNUSED,
      "repo/nested/filterc.yaml": "lint:\n  no-unused-param: warn\n",
      "repo/nested/c.fw": UNUSED,
      "other-repo/d.fw": UNUSED,
    });
    mkdirSync(join(root, "other-repo", ".git"));
    const { results } = lintFiles(["."], { cwd: root });
    expect(results.map((r) => [r.filePath, r.messages.map((m) => m.severity)])).toEqual([
      ["other-repo/d.fw", ["warning"]],
      ["repo/a.fw", []],
      ["repo/nested/c.fw", ["warning"]],
      ["repo/sub/b.fw", []],
    ]);
    expect(findProjectFile(join(root, "other-repo"))).toBeUndefined();
    expect(findProjectFile(join(root, "repo", "sub"))).toBe(join(root, "repo", "filterc.yaml"));
  });

  it("uses --project for every file, and levels given by the caller win over it", () => {
    const root = tempTree({ "conf/lint.yaml": "lint:\n  no-unused-param: error\n", "a.fw": UNUSED, "filterc.yaml": "lint:\n  no-unused-param: off\n" });
    expect(lintFiles(["a.fw"], { cwd: root, projectFile: "conf/lint.yaml" }).results[0]!.errorCount).toBe(1);
    expect(lintFiles(["a.fw"], { cwd: root, projectFile: "conf/lint.yaml", levels: { "no-unused-param": "off" } }).results[0]!.messages).toEqual([]);
  });

  it("reports problems of filterc.yaml itself as a result of its own", () => {
    const root = tempTree({ "filterc.yaml": "namspace: shop\nlint:\n  no-unused-param: warning\n", "a.fw": UNUSED });
    const { results } = lintFiles(["a.fw"], { cwd: root });
    const project = results.find((r) => r.filePath === "filterc.yaml")!;
    expect(project.messages.map((m) => [m.code, project.source.position(m.span.start).line])).toEqual([
      ["E0503", 1],
      ["E0505", 3],
    ]);
    // The invalid level is dropped, so the default applies.
    expect(results.find((r) => r.filePath === "a.fw")!.warningCount).toBe(1);
  });

  it("reports a filterc.yaml that is not YAML and lints the rule files with the defaults", () => {
    const root = tempTree({ "filterc.yaml": "lint: [\n", "a.fw": UNUSED });
    const { results } = lintFiles(["a.fw"], { cwd: root });
    expect(results.map((r) => [r.filePath, r.messages.map((m) => m.code)])).toEqual([
      ["a.fw", ["no-unused-param"]],
      ["filterc.yaml", ["E0501"]],
    ]);
  });
});
