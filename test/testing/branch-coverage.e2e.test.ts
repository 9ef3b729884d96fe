import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** `filterc test` lists each `else` branch as a coverage entry of its own (docs/testing.md, "Rule coverage"). */
describe("filterc test coverage of else branches", () => {
  it("counts the when branch and each else branch apart, so a missing case shows", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "lanes.fw"),
      'rule "lane" on request_headers when request.header["x-tier"] == "gold" set "x-lane" = "fast"\n  else when request.header["x-tier"] == "silver" set "x-lane" = "mid"\n  else set "x-lane" = "slow"\n',
    );
    writeFileSync(
      join(dir, "lanes.test.yaml"),
      `cases:
  - name: gold is fast
    request: { headers: { x-tier: gold } }
    expect: { upstream: { headers: { x-lane: fast } } }
  - name: others are slow
    request: {}
    expect: { upstream: { headers: { x-lane: slow } } }
`,
    );
    const result = runCli(["test", join(dir, "lanes.fw"), "--fail-under", "100"]);
    expect(result.stdout).toMatch(/coverage .*lanes\.fw: 2 of 3 rules fired \(66\.6%\)/);
    expect(result.stdout).toMatch(/rule "lane" \(lanes\.fw:1\), else at lanes\.fw:2\s+never fired/);
    expect(result.stdout).toMatch(/rule "lane" \(lanes\.fw:1\), else at lanes\.fw:3\s+fired 1 time/);
    expect(result.status).toBe(1);

    const json = runCli(["test", join(dir, "lanes.fw"), "--format", "json"]);
    const report = JSON.parse(json.stdout) as { coverage: { rules: { index: number; branch?: number; line: number; hits: number }[] }[] };
    expect(report.coverage[0]!.rules.map((r) => [r.index, r.branch, r.line, r.hits])).toEqual([
      [0, undefined, 1, 1],
      [0, 1, 2, 0],
      [0, 2, 3, 1],
    ]);
  });
});
