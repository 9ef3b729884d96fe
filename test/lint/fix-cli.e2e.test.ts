import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/compile.js";
import { tempTree } from "./helpers.js";

const MAIN = join(repoRoot, "dist", "cli", "main.js");

function lint(cwd: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [MAIN, "lint", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stale directive, a set that the next one replaces, an action after `deny`, and a problem with no fix. */
const FIXABLE = [
  "# filterc-disable-next-line no-hop-by-hop-header -- from the old gateway",
  "param unused = 1",
  "",
  'rule "gate" on request_headers when request.path starts_with "/admin" {',
  '  set "x-gate" = "closed"',
  '  set "x-gate" = "shut"',
  "  deny 403",
  '  log info "never"',
  "}",
  "",
].join("\n");

const FIXED = ["param unused = 1", "", 'rule "gate" on request_headers when request.path starts_with "/admin" {', '  set "x-gate" = "shut"', "  deny 403", "}", ""].join("\n");

describe("filterc lint --fix", () => {
  it("rewrites the file with the fixes, reports what remains, and says how many problems it fixed", () => {
    const root = tempTree({ "rules.fw": FIXABLE });
    chmodSync(join(root, "rules.fw"), 0o640);
    const run = lint(root, ["--fix", "rules.fw"]);
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe(FIXED);
    expect(statSync(join(root, "rules.fw")).mode & 0o777).toBe(0o640);
    expect(run.stdout).toContain("warning[no-unused-param]: param `unused` is declared but no rule uses it\n --> rules.fw:1:7");
    expect(run.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(run.stderr).toBe("filterc lint: fixed 3 problems in 1 file\n");
    expect(run.code).toBe(0);
    // Fixed once, the file has nothing left to fix.
    expect(lint(root, ["--fix", "rules.fw"])).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe(FIXED);
  });

  it("changes the target of a symbolic link, which stays a link", () => {
    const root = tempTree({ "real/rules.fw": FIXABLE });
    symlinkSync(join(root, "real/rules.fw"), join(root, "link.fw"));
    expect(lint(root, ["--fix", "link.fw"]).code).toBe(0);
    expect(lstatSync(join(root, "link.fw")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "real/rules.fw"), "utf8")).toBe(FIXED);
  });

  it("--fix-dry-run shows the change as a diff and writes nothing", () => {
    const root = tempTree({ "rules.fw": FIXABLE });
    const run = lint(root, ["--fix-dry-run", "rules.fw"]);
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe(FIXABLE);
    expect(run.stdout.startsWith("--- rules.fw\n+++ rules.fw (fixed)\n@@ -1,9 +1,6 @@\n-# filterc-disable-next-line no-hop-by-hop-header -- from the old gateway\n param unused = 1\n")).toBe(true);
    expect(run.stdout).toContain('-  set "x-gate" = "closed"\n   set "x-gate" = "shut"\n   deny 403\n-  log info "never"\n }\n');
    expect(run.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(run.stderr).toBe("filterc lint: would fix 3 problems in 1 file\n");
    expect(run.code).toBe(0);
  });

  it("--fix-dry-run --format json gives the fixed text as the file's output, and the remaining problems", () => {
    const root = tempTree({ "rules.fw": FIXABLE });
    const [entry] = JSON.parse(lint(root, ["--fix-dry-run", "--format", "json", "rules.fw"]).stdout);
    expect(entry.output).toBe(FIXED);
    expect(entry.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(["no-unused-param"]);
    // Without fixing, each fixable problem carries its fix.
    const [plain] = JSON.parse(lint(root, ["--format", "json", "rules.fw"]).stdout);
    expect(plain.output).toBeUndefined();
    expect(plain.messages.filter((m: { fix?: unknown }) => m.fix !== undefined).map((m: { ruleId: string }) => m.ruleId)).toEqual(["unused-disable", "no-conflicting-set", "no-unreachable"]);
  });

  it("follows the levels of filterc.yaml: a rule that is off fixes nothing", () => {
    const root = tempTree({ "rules.fw": FIXABLE, "filterc.yaml": "lint:\n  unused-disable: off\n  no-unreachable: off\n" });
    expect(lint(root, ["--fix", "rules.fw"]).stderr).toBe("filterc lint: fixed 1 problem in 1 file\n");
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe(FIXABLE.replace('  set "x-gate" = "closed"\n', ""));
  });

  it("leaves files of a filter of several files alone, and says so", () => {
    const shared = '# filterc-disable no-hop-by-hop-header\non request_headers log info "s"\n';
    const root = tempTree({ "main.fw": 'import "shared.fw"\non request_headers log info "m"\n', "shared.fw": shared });
    const run = lint(root, ["--fix", "main.fw"]);
    expect(run.stderr).toBe("filterc lint: main.fw: not fixed: fixes are applied only to rule files that neither import nor are imported; `--format json` lists them\n");
    expect(readFileSync(join(root, "shared.fw"), "utf8")).toBe(shared);
    expect(run.stdout).toContain("warning[unused-disable]");
  });

  it("fixes a file with a compile error elsewhere, and still fails on the error", () => {
    const root = tempTree({ "rules.fw": '# filterc-disable no-hop-by-hop-header\non request_headers set "X-Id" = "1"\n' });
    const run = lint(root, ["--fix", "rules.fw"]);
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe('on request_headers set "X-Id" = "1"\n');
    expect(run.stdout).toContain("error[E0402]");
    expect(run.code).toBe(1);
  });

  it("refuses to touch a file that is not UTF-8, or one that does not parse", () => {
    const root = tempTree({ "broken.fw": "# filterc-disable\non request_headers set\n" });
    writeFileSync(join(root, "latin1.fw"), Buffer.from("# caf\xe9\n# filterc-disable\non request_headers log info \"x\"\n", "latin1"));
    const before = readFileSync(join(root, "latin1.fw"));
    const run = lint(root, ["--fix", "broken.fw", "latin1.fw"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error[E0001]");
    expect(readFileSync(join(root, "latin1.fw"))).toEqual(before);
    expect(readFileSync(join(root, "broken.fw"), "utf8")).toBe("# filterc-disable\non request_headers set\n");
    expect(run.stderr).toBe("");
  });

  it("is a usage error together with --fix-dry-run, and for a missing file", () => {
    const root = tempTree({ "rules.fw": FIXABLE });
    expect(lint(root, ["--fix", "--fix-dry-run", "rules.fw"])).toEqual({ code: 2, stdout: "", stderr: "error: --fix writes the fixes and --fix-dry-run only shows them: use one of the two\n" });
    expect(lint(root, ["--fix", "missing.fw"])).toMatchObject({ code: 2, stderr: "error: no rule files (.fw, .rules) match `missing.fw`\n" });
    expect(readFileSync(join(root, "rules.fw"), "utf8")).toBe(FIXABLE);
  });

  it("leaves the examples as they are: they have nothing to fix", () => {
    const files = readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".fw"));
    const root = tempTree({});
    for (const file of files) copyFileSync(join(repoRoot, "examples", file), join(root, file));
    const run = lint(root, ["--fix", ...files]);
    expect(run.stderr).toBe("");
    for (const file of files) expect(readFileSync(join(root, file), "utf8"), file).toBe(readFileSync(join(repoRoot, "examples", file), "utf8"));
  });
});
