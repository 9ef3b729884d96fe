// Runs `filterc test` as a process on a rule file and a case file written to a fresh directory: the e2e tests of
// the authz answers (authorize over HTTP and gRPC) share it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli, tempDir, type CliResult } from "../support/cli.js";

/** `filterc test gate.fw NAME.test.yaml --no-color`, with both files written first. */
export function testRules(rules: string, cases: string, name = "gate"): CliResult {
  const dir = tempDir();
  writeFileSync(join(dir, "gate.fw"), rules);
  writeFileSync(join(dir, `${name}.test.yaml`), cases);
  return runCli(["test", join(dir, "gate.fw"), join(dir, `${name}.test.yaml`), "--no-color"]);
}

/** Every case passed: nothing on stderr, `COUNT passed, 0 failed`, exit 0. */
export function expectAllPassed(result: CliResult, count: number): void {
  expect(result.stderr).toBe("");
  expect(result.stdout).not.toContain("FAIL");
  expect(result.stdout).toMatch(new RegExp(`^${count} passed, 0 failed$`, "m"));
  expect(result.status).toBe(0);
}
