import { describe, expect, it } from "vitest";
import { loadProjectFile } from "../../compiler/project/index.js";
import { formatDiagnosticLine } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";

/** filterc.yaml `maxListBytes`: the bound on configured lists matched with `contains any` (docs/deploy.md). */
function load(text: string) {
  const source = new Source("filterc.yaml", text);
  const result = loadProjectFile(source);
  return { ...result, lines: result.diagnostics.map((d) => formatDiagnosticLine(source, d)) };
}

describe("filterc.yaml maxListBytes", () => {
  it("is read as a whole number of bytes, apart from the deployment settings", () => {
    const { maxListBytes, settings, lines } = load("maxListBytes: 65536\n");
    expect(lines).toEqual([]);
    expect(maxListBytes).toBe(65536);
    expect(settings).toEqual({});
  });

  it("is absent unless set", () => {
    expect(load("name: x\n").maxListBytes).toBeUndefined();
  });

  it("refuses values outside 1 to 16,777,215 and other types, with a located error", () => {
    for (const text of ["maxListBytes: 0\n", "maxListBytes: 16777216\n", "maxListBytes: 1.5\n", 'maxListBytes: "1MiB"\n']) {
      const { maxListBytes, lines } = load(text);
      expect(maxListBytes, text).toBeUndefined();
      expect(lines, text).toHaveLength(1);
      expect(lines[0], text).toMatch(/^filterc\.yaml:1:15: error\[E05\d\d\]: `maxListBytes` /);
    }
  });
});
