import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check, CHECK_CODES } from "../../compiler/check/index.js";
import { Source } from "../../grammar/source.js";
import { GRAMMAR_CODES, parse } from "../../grammar/index.js";
import { REGEX_CODES } from "../../compiler/regex/index.js";
import { ALL_CODES } from "../../compiler/explain.js";

/** The fenced `fw` blocks after "Incorrect:" and "Correct:" in an explanation. */
function examples(explanation: string): { incorrect: string; correct: string } {
  const block = (label: string) => new RegExp(`^${label}:\\n\\n\`\`\`fw\\n([\\s\\S]*?)\\n\`\`\``, "m").exec(explanation)?.[1];
  return { incorrect: block("Incorrect") ?? "", correct: block("Correct") ?? "" };
}

function codesOf(text: string): { parse: string[]; check: string[] } {
  const source = new Source("example.fw", text);
  const parsed = parse(source);
  return { parse: parsed.diagnostics.map((d) => d.code), check: check(parsed.program, { source }).diagnostics.map((d) => d.code) };
}

/** Codes whose incorrect example the parser itself refuses: the checker only meets them in hand-built ASTs. */
const UNPARSEABLE = new Set(["E0220"]);

describe("CHECK_CODES", () => {
  const codes = Object.keys(CHECK_CODES);

  it("uses the checker's ranges", () => {
    for (const code of codes) expect(code).toMatch(/^(E02\d\d|E04\d\d|W04\d\d)$/);
  });

  it("documents exactly the codes the checker's messages use", () => {
    const dir = new URL("../../compiler/check/errors/", import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), "utf8");
      for (const m of text.matchAll(/(?:error|warning)\(\s*"([EW]\d{4})"/g)) used.add(m[1]!);
    }
    expect([...used].sort()).toEqual([...codes].sort());
  });

  it.each(codes)("%s: the incorrect example triggers it and the correct one is clean", (code) => {
    const doc = CHECK_CODES[code]!;
    expect(doc.title.length).toBeGreaterThan(0);
    const { incorrect, correct } = examples(doc.explanation);
    expect(incorrect, "an incorrect example").not.toBe("");
    expect(correct, "a correct example").not.toBe("");
    expect(codesOf(correct)).toEqual({ parse: [], check: [] });
    if (UNPARSEABLE.has(code)) return;
    const result = codesOf(incorrect);
    expect(result.parse).toEqual([]);
    expect(result.check).toContain(code);
  });

});

describe("docs/diagnostics.md", () => {
  it("lists every code filterc explain knows, once", () => {
    const doc = readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
    const listed = [...doc.matchAll(/^\| ([EW]\d{4}|D\d{3}) \|/gm)].map((m) => m[1]!).sort();
    const known = Object.keys(ALL_CODES).sort();
    expect(listed).toEqual(known);
  });
});
