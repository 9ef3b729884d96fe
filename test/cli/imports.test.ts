import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** Several files, one filter, through the CLI on real files: what a user sees. */

function project(files: Record<string, string>): string {
  const dir = tempDir("filterc-imports-cli-");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("filterc build with imports and several files", () => {
  it("shows an error in an imported file with that file's path, line and caret", () => {
    const cwd = project({
      "rules.fw": 'import "shared/common.fw"\non request_headers deny 403\n',
      "shared/common.fw": '# shared\nparam p = 1\non response_header set "x" = "1"\n',
    });
    const result = runCli(["build", "rules.fw", "-o", "out"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      ["error[E0201]: unknown phase `response_header`", " --> shared/common.fw:3:4", "  |", '3 | on response_header set "x" = "1"', "  |    ^^^^^^^^^^^^^^^"].join("\n"),
    );
    expect(result.stderr).toContain("nothing was written");
  });

  it("points at the import line of a missing file, and explains the code", () => {
    const cwd = project({ "rules.fw": 'on request_headers deny 403\nimport "comon.fw"\n' });
    const result = runCli(["build", "rules.fw", "-o", "out"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0002]: cannot import comon.fw: no such file or directory\n --> rules.fw:2:8\n");
    expect(result.stderr).not.toContain("internal error");
    const explained = runCli(["explain", "E0002"]);
    expect(explained.status).toBe(0);
    expect(explained.stdout).toContain("an imported file cannot be read");
  });

  it("shows the chain of a cycle", () => {
    const cwd = project({ "a.fw": 'import "b.fw"\non request_headers deny 403\n', "b.fw": 'import "a.fw"\n' });
    const result = runCli(["build", "a.fw", "-o", "out"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0003]: import cycle: a.fw → b.fw → a.fw\n --> b.fw:1:8\n");
  });

  it("composes two files named on the command line, and the rule map names each rule's file", () => {
    const cwd = project({
      "base.fw": 'rule "hsts" on response_headers set "strict-transport-security" = "max-age=600"\n',
      "api.fw": '\nrule "block" on request_headers when request.path starts_with "/admin" deny 403\n',
    });
    const result = runCli(["build", "base.fw", "api.fw", "-o", "out"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("built base.fw api.fw: filter.wasm");
    const map = JSON.parse(readFileSync(join(cwd, "out/filter.map.json"), "utf8")) as { rules: { name: string; file: string; line: number }[] };
    expect(map.rules.map((r) => [r.name, r.file, r.line])).toEqual([
      ["hsts", "base.fw", 1],
      ["block", "api.fw", 2],
    ]);
  });

  it("refuses a rule name declared in two files, naming both places", () => {
    const cwd = project({ "a.fw": 'rule "x" on request_headers deny 403\n', "b.fw": '# b\nrule "x" on request_headers deny 404\n' });
    const result = runCli(["build", "a.fw", "b.fw", "-o", "out"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error[E0290]: rule name "x" is already declared in a.fw\n --> b.fw:2:6\n');
    expect(result.stderr).toContain(" --> a.fw:1:6\n");
  });

  it("refuses a missing second file on the command line as a usage error", () => {
    const cwd = project({ "a.fw": "on request_headers deny 403\n" });
    const result = runCli(["build", "a.fw", "missing.fw", "-o", "out"], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: cannot read missing.fw: no such file or directory\n");
  });
});

describe("the other commands follow imports", () => {
  const files = {
    "rules.fw": 'import "common.fw"\nrule "block" on request_headers when request.path starts_with "/admin" deny 403\n',
    "common.fw": 'rule "tag" on request_headers set "x-tag" = "shared"\n',
    "rules.test.yaml": "cases:\n  - name: admin\n    request: { path: /admin }\n    expect: { response: { status: 403 } }\n  - name: tagged\n    request: { path: /x }\n    expect: { upstream: { headers: { x-tag: shared } } }\n",
  };

  it("test reports coverage with each rule's file", () => {
    const result = runCli(["test", "rules.fw"], { cwd: project(files) });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/rule "tag" \(common\.fw:1\)\s+fired 2 times/);
    expect(result.stdout).toMatch(/rule "block" \(rules\.fw:2\)\s+fired 1 time/);
  });

  it("run traces a rule of an imported file", () => {
    const result = runCli(["run", "rules.fw", "--request", "GET /x", "--json"], { cwd: project(files) });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"x-tag"');
  });

  it("examples/api/gateway.fw passes its cases, with every rule of both files fired", () => {
    const result = runCli(["test", "examples/api/gateway.fw", "--fail-under", "100"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/rule "block-scanners" \(baseline\.fw:6\)/);
    expect(result.stdout).toMatch(/rule "v1-moved" \(gateway\.fw:5\)/);
  });

  it("lint reports a problem under the imported file's path", () => {
    const cwd = project({ "rules.fw": 'import "common.fw"\non request_headers deny 403\n', "common.fw": "param unused_one = 1\n" });
    const result = runCli(["lint", "rules.fw", "--format", "json"], { cwd });
    const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.line])])).toEqual([
      ["common.fw", [["no-unused-param", 1]]],
      ["rules.fw", []],
    ]);
  });

  it("fmt formats each file on its own and keeps the import lines", () => {
    const cwd = project({ "rules.fw": 'import    "common.fw"   # shared\non request_headers   deny 403\n', "common.fw": "param   p = 1\n" });
    const result = runCli(["fmt", "rules.fw", "common.fw"], { cwd });
    expect(result.status).toBe(0);
    expect(readFileSync(join(cwd, "rules.fw"), "utf8")).toBe('import "common.fw" # shared\non request_headers deny 403\n');
    expect(readFileSync(join(cwd, "common.fw"), "utf8")).toBe("param p = 1\n");
  });
});
