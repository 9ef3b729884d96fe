import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GRAMMAR_CODES, parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";

/** Codes whose triggering input is too large to print in `filterc explain`: thousands of operators, 16 MiB, 16 KiB names, 65-deep sums. */
const TOO_LARGE_TO_SHOW = new Set(["E0121", "E0122", "E0123", "E0124", "E0133"]);

const grammarDir = new URL("../../grammar/", import.meta.url);

/** Codes written as literals in grammar/ sources other than the table itself. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync(grammarDir)) {
    if (!file.endsWith(".ts") || file === "codes.ts") continue;
    for (const match of readFileSync(new URL(file, grammarDir), "utf8").matchAll(/"(E01\d\d)"/g)) codes.add(match[1]!);
  }
  return codes;
}

/** The indented example lines after `label:` in an explanation, up to the next unindented line. */
function example(explanation: string, label: "Incorrect" | "Correct"): string {
  const lines = explanation.split("\n");
  const start = lines.indexOf(`${label}:`);
  expect(start, `${label}: section`).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "" && block.length === 0) continue;
    if (line !== "" && !line.startsWith("    ")) break;
    block.push(line.slice(4));
  }
  return block.join("\n").trim();
}

describe("GRAMMAR_CODES", () => {
  it("documents exactly the codes the grammar emits, all in E0101..E0199", () => {
    const documented = Object.keys(GRAMMAR_CODES).sort();
    expect([...emittedCodes()].sort()).toEqual(documented);
    for (const code of documented) expect(code).toMatch(/^E01(0[1-9]|[1-9]\d)$/);
  });

  describe.each(Object.entries(GRAMMAR_CODES))("%s", (code, doc) => {
    it("has a title and an explanation", () => {
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.explanation.length).toBeGreaterThan(doc.title.length);
      // A limit is written as its value: `${MAX_NESTING}` was once printed as such.
      expect(doc.explanation).not.toMatch(/\$\{[A-Z_]+/);
    });

    it("has an incorrect example that produces the code", () => {
      if (TOO_LARGE_TO_SHOW.has(code)) {
        // The example is abbreviated with `…`; limits.e2e.test.ts builds the full input and expects this code.
        expect(doc.explanation).toMatch(/^Incorrect \(.+\):$/m);
        expect(readFileSync(new URL("limits.e2e.test.ts", import.meta.url), "utf8")).toContain(`"${code}"`);
        return;
      }
      const text = example(doc.explanation, "Incorrect");
      const codes = parse(new Source("example.fw", text)).diagnostics.map((d) => d.code);
      expect(codes).toContain(code);
    });

    it("has a correct example that parses cleanly", () => {
      const text = example(doc.explanation, "Correct");
      expect(parse(new Source("example.fw", text)).diagnostics).toEqual([]);
    });
  });
});
