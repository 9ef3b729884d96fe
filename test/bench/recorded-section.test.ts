import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRecorded, withSection } from "../../bench/report/recorded-section.js";
import { BUILD_SCALE } from "../../bench/report/sections/build-scale.js";
import { LSP_LATENCY } from "../../bench/report/sections/lsp-latency.js";
import { SERVE_LOAD } from "../../bench/report/sections/serve-load.js";
import { repoRoot } from "../support/paths.js";

describe("a recorded section of docs/benchmarks.md", () => {
  const heading = BUILD_SCALE.heading;
  const section = `${heading}\n\nnew figures`;

  it("is appended to a report that has none", () => {
    expect(withSection("# Benchmarks\n\n## Scaling\n\ntext\n", heading, section)).toBe(`# Benchmarks\n\n## Scaling\n\ntext\n\n${section}\n`);
  });

  it("replaces the old one and keeps the sections around it", () => {
    const report = `# Benchmarks\n\n${heading}\n\nold figures\n\n## Later\n\nkept\n`;
    expect(withSection(report, heading, section)).toBe(`# Benchmarks\n\n${section}\n\n## Later\n\nkept\n`);
    const last = `# Benchmarks\n\n${heading}\n\nold figures\n`;
    expect(withSection(last, heading, section)).toBe(`# Benchmarks\n\n${section}\n`);
  });

  it.each([
    [BUILD_SCALE.heading, () => renderRecorded(BUILD_SCALE)],
    [LSP_LATENCY.heading, () => renderRecorded(LSP_LATENCY)],
    [SERVE_LOAD.heading, () => renderRecorded(SERVE_LOAD)],
  ])("%s: the report holds what its recorded JSON renders to", (recordedHeading, render) => {
    const report = readFileSync(join(repoRoot, "docs/benchmarks.md"), "utf8");
    const text = render();
    expect(text.startsWith(`${recordedHeading}\n\n|`)).toBe(true);
    expect(report).toContain(text);
    expect(withSection(report, recordedHeading, text)).toBe(report);
  });

  it("is empty when its run has not been recorded", () => {
    expect(renderRecorded({ ...BUILD_SCALE, file: "bench/never-recorded.json" })).toBe("");
  });
});
