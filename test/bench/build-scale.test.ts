import { describe, expect, it } from "vitest";
import { BUILD_SCALE_HEADING, withBuildScaleSection } from "../../bench/report/sections/build-scale.js";

describe("build-scale section of docs/benchmarks.md", () => {
  const section = `${BUILD_SCALE_HEADING}\n\nnew figures`;

  it("is appended to a report that has none", () => {
    expect(withBuildScaleSection("# Benchmarks\n\n## Scaling\n\ntext\n", section)).toBe(`# Benchmarks\n\n## Scaling\n\ntext\n\n${section}\n`);
  });

  it("replaces the old one and keeps the sections around it", () => {
    const report = `# Benchmarks\n\n${BUILD_SCALE_HEADING}\n\nold figures\n\n## Later\n\nkept\n`;
    expect(withBuildScaleSection(report, section)).toBe(`# Benchmarks\n\n${section}\n\n## Later\n\nkept\n`);
    const last = `# Benchmarks\n\n${BUILD_SCALE_HEADING}\n\nold figures\n`;
    expect(withBuildScaleSection(last, section)).toBe(`# Benchmarks\n\n${section}\n`);
  });
});
