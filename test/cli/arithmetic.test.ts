import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** The CLI as a user meets arithmetic and the diagnostics around conditions: exit codes and what is printed. */
describe("filterc and arithmetic", () => {
  const dir = tempDir("filterc-arith-");
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("runs a rule that computes a status class", () => {
    const file = write("class.fw", 'on response_headers set "x-class" = "${response.status / 100}xx"\n');
    const run = runCli(["run", file, "--response-status", "503"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("x-class: 5xx");
  });

  it("refuses `+` on strings with the template to write instead", () => {
    const file = write("plus.fw", 'on request_headers set "x-route" = request.host + request.path\n');
    const run = runCli(["build", file, "-o", join(dir, "out")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error[E0231]: `+` adds integers and does not join text");
    expect(run.stderr).toContain('= hint: join text with a template: "${request.host}${request.path}"');
  });

  it("shows `=` for `==` as E0112 alone, not also as a condition that is not true or false", () => {
    const file = write("equals.fw", 'on request_headers when request.path = "/" deny 403\n');
    for (const command of [["build", file, "-o", join(dir, "out2")], ["lint", file]]) {
      const run = runCli(command);
      const output = run.stdout + run.stderr;
      expect(run.status, command[0]).toBe(1);
      expect(output).toContain("error[E0112]");
      expect(output).toContain("= hint: to compare values, use `==`");
      expect(output).not.toContain("E0216");
    }
  });

  it("explains the new codes", () => {
    for (const code of ["E0124", "E0230", "E0231"]) {
      const run = runCli(["explain", code]);
      expect(run.status, code).toBe(0);
      expect(run.stdout.startsWith(`${code}: `)).toBe(true);
    }
  });
});
