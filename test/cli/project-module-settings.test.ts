import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/**
 * `filterc test` and `filterc run` build the module `filterc build` ships: the filterc.yaml settings that shape it
 * (docs/testing.md) apply to them too.
 */

const RULES = [
  'on request_body when request.body contains "bad" deny 403',
  'rule "seen" on request_headers count "requests"',
  "on request_headers set \"x-client\" = client.address",
].join("\n");

const CASES = `cases:
  - name: a 12-byte body is past maxBody
    request: { method: POST, path: /, body: "abcdefghijkl" }
    expect:
      local: { status: 413 }
  - name: with one trusted hop the client is the rightmost x-forwarded-for entry
    request: { path: /, headers: { x-forwarded-for: "10.0.0.1, 10.0.0.2" } }
    expect:
      upstream: { headers: { x-client: "10.0.0.2" } }
      metrics: { "edge.requests": 1 }
`;

function project(yaml: string | undefined): string {
  const dir = tempDir();
  writeFileSync(join(dir, "rules.fw"), RULES + "\n");
  writeFileSync(join(dir, "rules.test.yaml"), CASES);
  if (yaml !== undefined) writeFileSync(join(dir, "filterc.yaml"), yaml);
  return dir;
}

describe("filterc test and filterc run read the module's settings from filterc.yaml", () => {
  it("maxBody, trustedHops and metricPrefix shape the filter under test", () => {
    const dir = project("maxBody: 10\ntrustedHops: 1\nmetricPrefix: edge.\n");
    const passed = runCli(["test", join(dir, "rules.fw")]);
    expect(passed.stderr + passed.stdout).toContain("2 passed, 0 failed");
    expect(passed.status).toBe(0);
  });

  it("without filterc.yaml the defaults apply, and the same cases fail", () => {
    const dir = project(undefined);
    const failed = runCli(["test", join(dir, "rules.fw")]);
    expect(failed.status).toBe(1);
    expect(failed.stderr + failed.stdout).toContain("0 passed, 2 failed");
  });

  it("filterc run uses them as well", () => {
    const dir = project("maxBody: 10\n");
    const result = runCli(["run", join(dir, "rules.fw"), "-r", "POST /", "--body", "abcdefghijkl"]);
    expect(result.stdout + result.stderr).toContain("413");
  });
});
