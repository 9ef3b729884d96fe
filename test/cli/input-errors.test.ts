import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir } from "../support/cli.js";

/** A plain usage error: exit 2, one line, and nothing that calls it a bug. */
function expectUsageError(result: { status: number; stderr: string }, message: string): void {
  expect(result.stderr).toBe(`error: ${message}\n`);
  expect(result.status).toBe(2);
}

describe("files that cannot be read or written are usage errors, never internal errors", () => {
  it("ends an output folder that cannot be created, such as one in /proc, instead of retrying forever", () => {
    expectUsageError(runCli(["build", "examples/hello.fw", "-o", "/proc/forbidden"]), "cannot create the directory /proc/forbidden: /proc does not allow new directories");
  });

  it("says a directory that exists but takes no new files (/proc) does not allow them, for build -o and package --oci", () => {
    expectUsageError(runCli(["build", "examples/hello.fw", "-o", "/proc"]), "cannot write to /proc: /proc does not allow new files");
    expectUsageError(runCli(["package", "examples/hello.fw", "--oci", "/proc/image.tar", "-o", join(tempDir(), "out")]), "cannot write to /proc: /proc does not allow new files");
  });

  it("names a directory given where a file must be, for build, run, fmt, test and lint", () => {
    expectUsageError(runCli(["build", "examples"]), "cannot read examples: it is a directory");
    expectUsageError(runCli(["run", "examples"]), "cannot read examples: it is a directory");
    expectUsageError(runCli(["run", "--wasm", "examples"]), "cannot read examples: it is a directory");
    expectUsageError(runCli(["fmt", "examples/hello.fw/x.fw"]), "cannot read examples/hello.fw/x.fw: a part of the path is a file, not a directory");
    expectUsageError(runCli(["test", "examples"]), "cannot read examples: not a file");
    expectUsageError(runCli(["lint", "examples", "--project", "examples"]), "cannot read project file examples: it is a directory");
  });

  it("names a file given where the output folder must be", () => {
    const file = join(tempDir(), "taken");
    writeFileSync(file, "");
    expectUsageError(runCli(["build", "examples/hello.fw", "-o", file]), `cannot write to ${file}: it is a file, and the output must be a directory`);
    expectUsageError(runCli(["build", "examples/hello.fw", "-o", join(file, "out")]), `cannot create the directory ${join(file, "out")}: ${file} is a file, not a directory`);
  });

  it("names the file in the way of a report file of test and lint, and of a project of init", () => {
    const file = join(tempDir(), "taken");
    writeFileSync(file, "");
    const report = join(file, "x.xml");
    expectUsageError(runCli(["test", "examples/hello.fw", "-f", "junit", "-o", report]), `cannot write ${report}: ${file} is a file, not a directory`);
    expectUsageError(runCli(["lint", "examples", "-o", report]), `cannot write ${report}: ${file} is a file, not a directory`);
    expectUsageError(runCli(["init", join(file, "project"), "--yes"]), `cannot write ${join(file, "project", "project.fw")}: ${file} is a file, not a directory`);
  });
});

describe("rule files that are not UTF-8", () => {
  it("are refused by lint, build, run, test and fmt with the same diagnostic at the first bad byte", () => {
    const dir = tempDir();
    const rules = join(dir, "latin1.fw");
    // "café" in Latin-1: é is the single byte 0xE9.
    writeFileSync(rules, Buffer.concat([Buffer.from('on request_headers deny 403\non response_headers set "x-greeting" = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    writeFileSync(join(dir, "latin1.test.yaml"), "cases:\n  - name: any\n    expect: { response: { status: 200 } }\n");
    const diagnostic =
      "error[E0001]: the file is not UTF-8 text: byte 0xE9 is not part of a UTF-8 character\n" +
      ` --> ${rules}:2:44\n` +
      "  |\n" +
      '2 | on response_headers set "x-greeting" = "caf\uFFFD"\n' +
      "  |                                            ^\n" +
      "  = hint: save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`\n";
    for (const args of [["lint", rules], ["build", rules, "-o", join(dir, "out")], ["run", rules], ["test", rules], ["fmt", rules]]) {
      const result = runCli(args);
      expect(result.status, args[0]).toBe(1);
      expect(args[0] === "lint" ? result.stdout : result.stderr, args[0]).toContain(diagnostic);
    }
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("nor are case files and filterc.yaml: the same diagnostic, in the file that has the bad byte", () => {
    const dir = tempDir();
    const rules = join(dir, "hello.fw");
    writeFileSync(rules, 'on response_headers set "hello" = "world"\n');
    const cases = join(dir, "hello.test.yaml");
    writeFileSync(cases, Buffer.concat([Buffer.from("cases:\n  - name: caf"), Buffer.from([0xe9]), Buffer.from("\n    expect: { response: { status: 200 } }\n")]));
    const tested = runCli(["test", rules]);
    expect(tested.status).toBe(1);
    expect(tested.stderr).toContain(`error[E0001]: the file is not UTF-8 text: byte 0xE9 is not part of a UTF-8 character\n --> ${cases}:2:14\n`);
    writeFileSync(cases, "cases:\n  - name: cafe\n    expect: { response: { status: 200 } }\n");
    expect(runCli(["test", rules]).status).toBe(0);
    const project = join(dir, "filterc.yaml");
    writeFileSync(project, Buffer.concat([Buffer.from("name: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const built = runCli(["build", rules, "-o", join(dir, "out")]);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain(`error[E0001]: the file is not UTF-8 text: byte 0xE9 is not part of a UTF-8 character\n --> ${project}:1:10\n`);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("configuration keys that no param declares", () => {
  const rules = "param maintenance_bypass = false\non request_headers when not maintenance_bypass deny 503\n";

  it("fail the build, naming the key in filterc.yaml and the param meant", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "gate.fw"), rules);
    writeFileSync(join(dir, "filterc.yaml"), "namespace: shop\npluginConfig:\n  maintenanse_bypass: true\n");
    const result = runCli(["build", join(dir, "gate.fw"), "-o", join(dir, "out")]);
    expect(result.stderr).toContain(
      "error[E0512]: pluginConfig sets `maintenanse_bypass`, which no param of gate.fw declares; the filter would ignore it\n" +
        ` --> ${join(dir, "filterc.yaml")}:3:3\n`,
    );
    expect(result.stderr).toContain("= hint: did you mean `maintenance_bypass`?");
    expect(result.status).toBe(1);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("fail the test run, for the file's config and a case's", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "gate.fw"), rules);
    const cases = join(dir, "gate.test.yaml");
    writeFileSync(cases, "config: { maintenanse_bypass: true }\ncases:\n  - name: closed\n    config: { other: 1 }\n    expect: { local: { status: 503 } }\n");
    const result = runCli(["test", join(dir, "gate.fw")]);
    expect(result.stderr).toContain(`error[E0617]: config sets \`maintenanse_bypass\`, which no param of ${join(dir, "gate.fw")} declares; the filter would ignore it\n --> ${cases}:1:11\n`);
    expect(result.stderr).toContain("= hint: did you mean `maintenance_bypass`?");
    expect(result.stderr).toContain(`error[E0617]: config sets \`other\`, which no param of ${join(dir, "gate.fw")} declares; the filter would ignore it\n --> ${cases}:4:15\n`);
    expect(result.stderr).toContain(`= hint: declare it in ${join(dir, "gate.fw")} with \`param other = ...\`, or remove it`);
    expect(result.stderr).toContain("no cases were run: 2 errors in the input");
    expect(result.status).toBe(1);
  });

  it("are still written when declared", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "gate.fw"), rules);
    writeFileSync(join(dir, "filterc.yaml"), "pluginConfig:\n  maintenance_bypass: true\n  disabled_rules: []\n");
    expect(runCli(["build", join(dir, "gate.fw"), "-o", join(dir, "out")]).status).toBe(0);
    const plugin = parseYaml(readFileSync(join(dir, "out", "wasmplugin.yaml"), "utf8"));
    expect(plugin.spec.pluginConfig).toEqual({ maintenance_bypass: true, disabled_rules: [] });
  });
});

describe("a rule file without rules", () => {
  it("builds with a warning, for an empty file and one with only comments", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "empty.fw"), "");
    writeFileSync(join(dir, "comments.fw"), "# block the admin pages, one day\n");
    for (const name of ["empty.fw", "comments.fw"]) {
      const result = runCli(["build", join(dir, name), "-o", join(dir, `out-${name}`)]);
      expect(result.stderr).toContain(`warning[W0001]: the file has no rules: the filter lets every request and response pass unchanged\n --> ${join(dir, name)}:1:1\n`);
      expect(result.status).toBe(0);
    }
    const explain = runCli(["explain", "W0001"]);
    expect(explain.stdout).toMatch(/^W0001: the file has no rules\n/);
  });
  it("lint reports the same warning, from the same place as build, and none once there is a rule or an error", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "params.fw"), 'param banner = "x"\n');
    writeFileSync(join(dir, "ok.fw"), 'on response_headers set "x" = "1"\n');
    writeFileSync(join(dir, "broken.fw"), "on nowhere\n");
    const json = runCli(["lint", "--format", "json", join(dir, "params.fw"), join(dir, "ok.fw"), join(dir, "broken.fw")]);
    const byFile = Object.fromEntries((JSON.parse(json.stdout) as Array<{ filePath: string; messages: Array<{ code: string; message: string; line: number }> }>).map((r) => [r.filePath.split("/").pop(), r.messages]));
    expect(byFile["params.fw"]).toContainEqual(expect.objectContaining({ code: "W0001", line: 1, message: "the file has no rules: the filter lets every request and response pass unchanged" }));
    expect((byFile["ok.fw"] ?? []).map((m) => m.code)).toEqual([]);
    expect(byFile["broken.fw"]!.map((m) => m.code)).not.toContain("W0001");
    expect(byFile["broken.fw"]!.length).toBeGreaterThan(0);
    const stylish = runCli(["lint", "--max-warnings", "0", join(dir, "params.fw")]);
    expect(stylish.stdout + stylish.stderr).toContain("W0001");
    expect(stylish.status).toBe(1);
  });
});

describe("filterc run flags", () => {
  it("says that a --plugin-config file does not exist", () => {
    expectUsageError(runCli(["run", "examples/hello.fw", "--plugin-config", "nosuch.json"]), "--plugin-config: cannot read nosuch.json: no such file");
  });

  it("refuses a --plugin-config file that is not UTF-8, as it refuses rule files", () => {
    const config = join(tempDir(), "latin1.json");
    writeFileSync(config, Buffer.concat([Buffer.from('{"greeting": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expectUsageError(runCli(["run", "examples/hello.fw", "--plugin-config", config]), `--plugin-config: ${config}: the file is not UTF-8 text: byte 0xE9 is not part of a UTF-8 character`);
  });

  it("says that a header name cannot contain a space", () => {
    expectUsageError(
      runCli(["run", "examples/hello.fw", "-H", "User Agent: x"]),
      '-H: the header name "User Agent" contains a space, which header names cannot contain (did you mean "User-Agent"?)',
    );
  });
});
