import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** `match[N]` from the command line: the compile errors as an ops person sees them, and the explanations. */
describe("match[N] in the CLI", () => {
  it("refuses `match` without one `matches` to refer to, with the code, the place, a caret and a hint", () => {
    const file = join(tempDir(), "rules.fw");
    writeFileSync(file, 'on request_headers when request.path matches "^/a/(.*)$" or request.path matches "^/b/(.*)$"\n  redirect 301 "/new/${match[1]}"\n');
    const result = runCli(["build", file, "-o", join(tempDir(), "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0250]: `match` cannot be used here: the rule's condition has 2 `matches`");
    expect(result.stderr).toContain(`--> ${file}:2:24`);
    expect(result.stderr).toContain("^^^^^^^^");
    expect(result.stderr).toContain("= hint: keep one `matches` in the condition");
    expect(result.stderr).not.toContain("internal");
  });

  it("refuses a group the pattern does not have", () => {
    const file = join(tempDir(), "rules.fw");
    writeFileSync(file, 'on request_headers when request.path matches "^/old/(.*)$" set "x-rest" = match[2]\n');
    const result = runCli(["lint", file]);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("`match[2]` does not exist: the pattern has 1 capturing group");
  });

  it("builds and runs a prefix redirect with a group", () => {
    const file = join(tempDir(), "rules.fw");
    writeFileSync(file, 'on request_headers when request.path matches "^/old/(.*)$" redirect 301 "/new/${match[1]}"\n');
    const result = runCli(["run", file, "--request", "GET /old/x/y?q=1"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("location: /new/x/y?q=1");
  });

  it.each(["E0250", "E0251", "E0318"])("explains %s", (code) => {
    const result = runCli(["explain", code]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("match[");
    expect(result.stdout).toContain("Incorrect");
  });
});
