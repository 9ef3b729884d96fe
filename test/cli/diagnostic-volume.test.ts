import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_LINE_SHOWN, MAX_SHOWN_PER_CODE, renderDiagnostic } from "../../compiler/render.js";
import { warning } from "../../grammar/diagnostic.js";
import { Source } from "../../grammar/source.js";
import { runCli, tempDir } from "../support/cli.js";

/** Many diagnostics on one long line: output bounded by the caps of compiler/render.ts, not by the input. */

function cidrFile(count: number): string {
  const cidrs = Array.from({ length: count }, (_, i) => `"10.${(i >> 8) & 255}.${i & 255}.7/24"`).join(", ");
  return `param blocked = [${cidrs}]\non request_headers when source.address in blocked deny 403\n`;
}

describe("a frame of a long line", () => {
  it("shows a window around the caret, marked with …, with the caret under the span", () => {
    const text = `${"x".repeat(5000)} "needle" ${"y".repeat(5000)}`;
    const start = text.indexOf('"needle"');
    const rendered = renderDiagnostic(new Source("long.fw", text), warning("W0401", { start, end: start + 8 }, "here"));
    const [, , , code, carets] = rendered.split("\n");
    expect(code!.length).toBeLessThan(MAX_LINE_SHOWN + 10);
    expect(code).toMatch(/^1 \| …x+ "needle" y+…$/);
    expect(code!.indexOf('"needle"')).toBe(carets!.indexOf("^"));
    expect(carets).toMatch(/\^{8}$/);
    expect(rendered).toContain("long.fw:1:5002");
  });
});

describe.each([5_000, 100_000])("lint and build of %i CIDRs with host bits set, on one line", (count) => {
  const dir = tempDir("filterc-volume-");
  const file = join(dir, "cidrs.fw");
  writeFileSync(file, cidrFile(count));

  it("lint: exit 0, the first warnings, how many more, the full count", () => {
    const run = runCli(["lint", file]);
    expect(run.stderr).not.toContain("internal error");
    expect(run.status).toBe(0);
    const out = run.stdout + run.stderr;
    expect(out.match(/warning\[W0401\]/g)).toHaveLength(MAX_SHOWN_PER_CODE + 1);
    expect(out).toContain(`… and ${(count - MAX_SHOWN_PER_CODE).toLocaleString("en-US")} more warning[W0401] in ${file}`);
    expect(out).toContain(`${count} problems (0 errors, ${count} warnings)`);
    expect(out.length).toBeLessThan(10_000);
  }, 120_000);

  it("lint --format json keeps every warning", () => {
    const report = join(dir, "report.json");
    const run = runCli(["lint", "--format", "json", "-o", report, file]);
    expect(run.status).toBe(0);
    const [result] = JSON.parse(readFileSync(report, "utf8")) as { warningCount: number; messages: unknown[] }[];
    expect(result!.messages).toHaveLength(count);
  }, 120_000);
});
