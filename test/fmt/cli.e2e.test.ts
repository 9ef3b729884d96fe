import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

/**
 * `filterc fmt` as a user runs it: the built CLI in a child process, on files in a temporary directory.
 * Run `npx tsc -p tsconfig.json` first; these tests use dist/.
 */

const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

const UGLY = 'on   response_headers\n  set "hello"="world"\n';
const PRETTY = 'on response_headers set "hello" = "world"\n';
const BROKEN = "on request_headers when deny 403\n";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function filterc(args: string[], options: { cwd: string; input?: string }): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd, input: options.input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir = "";

/** Creates files (with parent directories) under a fresh temporary directory. */
function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "filterc-fmt-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const read = (name: string) => readFileSync(join(dir, name), "utf8");

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npx tsc -p tsconfig.json` first");
});

afterEach(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
  dir = "";
});

describe("filterc fmt", () => {
  it("formats .fw and .rules files under a directory in place and lists the ones it changed", () => {
    const cwd = project({
      "a.fw": UGLY,
      "ok.fw": PRETTY,
      "nested/deeper/b.rules": UGLY,
      "notes.txt": UGLY,
      "node_modules/dep/x.fw": UGLY,
      ".git/y.fw": UGLY,
    });
    const run = filterc(["fmt", "."], { cwd });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout.split("\n").filter(Boolean)).toEqual(["a.fw", join("nested", "deeper", "b.rules")]);
    expect(read("a.fw")).toBe(PRETTY);
    expect(read("nested/deeper/b.rules")).toBe(PRETTY);
    expect(read("ok.fw")).toBe(PRETTY);
    expect(read("notes.txt")).toBe(UGLY);
    expect(read("node_modules/dep/x.fw")).toBe(UGLY);
    expect(read(".git/y.fw")).toBe(UGLY);
    // Nothing left to do the second time, which --check confirms; no temporary files left behind.
    expect(filterc(["fmt", "--check"], { cwd })).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(readdirSync(cwd).filter((name) => name.includes("tmp"))).toEqual([]);
  });

  it("with --check changes nothing, lists the files that would change and exits 1", () => {
    const cwd = project({ "a.fw": UGLY, "b.fw": PRETTY, "c.fw": UGLY });
    const run = filterc(["fmt", "--check"], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("a.fw\nc.fw\n");
    expect(run.stderr).toContain("2 files of 3 not formatted");
    expect(read("a.fw")).toBe(UGLY);
  });

  it("leaves a file with syntax errors alone, prints its diagnostics and exits 1, formatting the others", () => {
    const cwd = project({ "bad.fw": BROKEN, "good.fw": UGLY });
    const run = filterc(["fmt"], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error\[E\d{4}\]: .*\n *--> bad\.fw:1:25\n/);
    expect(run.stderr).toContain("1 | on request_headers when deny 403");
    expect(run.stderr).toContain("1 file not formatted: errors");
    expect(run.stdout).toBe("good.fw\n");
    expect(read("bad.fw")).toBe(BROKEN);
    expect(read("good.fw")).toBe(PRETTY);
  });

  it("formats named files whatever their extension, keeping permissions and symbolic links", () => {
    const cwd = project({ "policy.txt": UGLY, "real.fw": UGLY });
    chmodSync(join(cwd, "real.fw"), 0o640);
    symlinkSync("real.fw", join(cwd, "link.fw"));
    expect(filterc(["fmt", "policy.txt", "link.fw"], { cwd })).toMatchObject({ status: 0, stdout: "link.fw\npolicy.txt\n" });
    expect(read("policy.txt")).toBe(PRETTY);
    expect(read("real.fw")).toBe(PRETTY);
    expect(statSync(join(cwd, "real.fw")).mode & 0o777).toBe(0o640);
    expect(readdirSync(cwd).sort()).toEqual(["link.fw", "policy.txt", "real.fw"]);
  });

  // A missing path among others changes nothing: every path is checked and read before anything is written.
  it.each([
    [["fmt", "a.fw", "missing.fw"], "error: cannot read missing.fw: no such file or directory"],
    [["fmt", "empty"], "error: no .fw or .rules files in empty"],
    [["fmt", "--stdin", "a.fw"], "error: --stdin formats standard input; it takes no paths"],
  ])("is a usage error (exit 2): %j", (args, message) => {
    const cwd = project({ "a.fw": UGLY, "empty/notes.txt": "" });
    const run = filterc(args, { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(read("a.fw")).toBe(UGLY);
  });

  it("formats standard input to standard output with --stdin", () => {
    const cwd = project({});
    expect(filterc(["fmt", "--stdin"], { cwd, input: UGLY })).toMatchObject({ status: 0, stdout: PRETTY, stderr: "" });
    expect(filterc(["fmt", "--stdin", "--check"], { cwd, input: UGLY })).toMatchObject({ status: 1, stdout: "" });
    const broken = filterc(["fmt", "--stdin"], { cwd, input: BROKEN });
    expect(broken).toMatchObject({ status: 1, stdout: "" });
    expect(broken.stderr).toContain("--> <stdin>:1:25");
  });
});
