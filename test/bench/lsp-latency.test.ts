import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LSP_LATENCY_HEADING, lspLatencySection, withLspLatencySection } from "../../bench/report/sections/lsp-latency.js";
import { repoRoot } from "../support/paths.js";

describe("language-server section of docs/benchmarks.md", () => {
  it("is the section rendered from the recorded bench/lsp-latency.json", () => {
    const report = readFileSync(join(repoRoot, "docs/benchmarks.md"), "utf8");
    const section = lspLatencySection();
    expect(section.startsWith(LSP_LATENCY_HEADING)).toBe(true);
    expect(report).toContain(section);
    expect(withLspLatencySection(report, section)).toBe(report);
  });
});
