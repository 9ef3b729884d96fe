import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../compiler/lint/rules/index.js";
import { repoRoot } from "../support/compile.js";
import { tempTree } from "./helpers.js";

const MAIN = join(repoRoot, "dist", "cli", "main.js");

/** Runs `filterc lint` as a user would: a child process on real files, output through pipes (not a TTY). */
function filterc(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  if (!existsSync(join(repoRoot, "dist", "cli", "lint-command.js"))) throw new Error("dist/ is stale: run `npx tsc -p tsconfig.json` (npm test does) before the CLI tests");
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [MAIN, "lint", ...args], { cwd, env: { ...inherited, ...env }, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const CLEAN = 'on response_headers set "x-content-type-options" = "nosniff"\n';
// A rule too, so the one warning is the unused param (params alone would also get W0001).
const WARNS = "param unused = 1\non response_headers set \"x\" = \"1\"\n";
const ERRS = 'on request_headers set "X-Id" = "1"\n';

describe("filterc lint", () => {
  const root = tempTree({
    "clean/a.fw": CLEAN,
    "warn/b.fw": WARNS,
    "err/c.rules": ERRS,
    "err/filterc.yaml": "lint:\n  no-unused-parm: off\n",
  });

  it("exits 0 and prints nothing for clean files", () => {
    expect(filterc(root, ["clean"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("exits 0 with warnings, and 1 when they exceed --max-warnings", () => {
    const warned = filterc(root, ["warn/b.fw"]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain("warning[no-unused-param]: param `unused` is declared but no rule uses it\n --> warn/b.fw:1:7");
    expect(warned.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(warned.stdout).not.toContain("\u001b[");
    const strict = filterc(root, ["warn", "--max-warnings", "0"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("filterc lint: 1 warning, more than --max-warnings 0\n");
  });

  it("exits 1 on compile errors and on errors in filterc.yaml, linting the current directory by default", () => {
    const run = filterc(join(root, "err"), []);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error[E0402]: header name `X-Id` has upper-case letters\n --> c.rules:1:24");
    expect(run.stdout).toContain("error[unknown-rule]: unknown lint rule `no-unused-parm`\n --> filterc.yaml:2:3");
    expect(run.stdout).toContain("= hint: did you mean `no-unused-param`?");
  });

  it("writes JSON with levels from --rule, keeping only errors with --quiet", () => {
    const json = filterc(root, ["warn", "clean", "err/c.rules", "--format", "json", "--quiet", "--rule", "no-unused-param=error"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).map((r: { filePath: string; messages: { code: string; severity: string }[] }) => [r.filePath, r.messages.map((m) => `${m.severity} ${m.code}`)])).toEqual([
      ["clean/a.fw", []],
      ["err/c.rules", ["error E0402"]],
      ["err/filterc.yaml", ["error unknown-rule"]],
      ["warn/b.fw", ["error no-unused-param"]],
    ]);
  });

  it("writes GitHub annotations, and SARIF to a file", () => {
    const gh = filterc(root, ["warn", "-f", "github"]);
    expect(gh).toEqual({ code: 0, stdout: expect.stringMatching(/^::warning file=warn\/b\.fw,line=1,col=7,endLine=1,endColumn=13,title=filterc no-unused-param::/), stderr: "" });
    const sarif = filterc(root, ["warn", "-f", "sarif", "-o", "reports/lint.sarif"]);
    expect(sarif).toEqual({ code: 0, stdout: "", stderr: "" });
    const log = JSON.parse(readFileSync(join(root, "reports", "lint.sarif"), "utf8"));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "warn/b.fw", uriBaseId: "%SRCROOT%" });
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("colors the stylish report with FORCE_COLOR and never with NO_COLOR", () => {
    expect(filterc(root, ["warn"], { FORCE_COLOR: "1" }).stdout).toContain("\u001b[1;33mwarning[no-unused-param]");
    expect(filterc(root, ["warn"], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain("\u001b[");
  });

  it("exits 2 with a clear message for usage errors", () => {
    expect(filterc(root, ["nothing-here", "warn"])).toEqual({ code: 2, stdout: "", stderr: "error: no rule files (.fw, .rules) match `nothing-here`\n" });
    expect(filterc(root, ["warn", "--format", "sarf"])).toEqual({ code: 2, stdout: "", stderr: "error: unknown format `sarf`; the formats are stylish, json, sarif, github (did you mean `sarif`?)\n" });
    expect(filterc(root, ["warn", "--rule", "no-unused-parm=off"])).toEqual({ code: 2, stdout: "", stderr: "error: --rule: unknown lint rule `no-unused-parm` (did you mean `no-unused-param`?)\n" });
  });

  it("lists the rules", () => {
    const run = filterc(root, ["--list-rules"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^no-add-singleton-header +warn +Disallow `add`/m);
    // One line per rule of the registry; the README states the same number.
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(RULES.size);
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain(`compile errors plus ${RULES.size} lint rules`);
  });
});
