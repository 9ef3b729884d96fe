import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fmt, meaning, parseValid } from "./helpers.js";
import { generateProgram } from "./generator.js";

const examplesDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(examplesDir).filter((name) => name.endsWith(".fw"));

/** Formatting keeps the meaning and the comments, and formatting the result changes nothing. */
function expectSafeAndStable(text: string): string {
  const before = parseValid(text);
  const once = fmt(text);
  expect(meaning(parseValid(once)), `meaning changed:\n--- input\n${text}\n--- output\n${once}`).toEqual(meaning(before));
  expect(fmt(once), `not idempotent:\n--- input\n${text}\n--- output\n${once}`).toBe(once);
  return once;
}

/** The layout rules every output follows. */
function expectTidy(out: string): void {
  if (out === "") return;
  expect(out.endsWith("\n") && !out.endsWith("\n\n")).toBe(true);
  expect(out).not.toMatch(/[ \t]+$/m);
  expect(out).not.toMatch(/\r/);
  expect(out).not.toMatch(/\n\n\n/);
  expect(out.startsWith("\n")).toBe(false);
}

describe("examples", () => {
  it.each(examples)("%s", (name) => {
    expectTidy(expectSafeAndStable(readFileSync(new URL(name, examplesDir), "utf8")));
  });
});

/**
 * Seeds per run: 100 by default, and half that for the two variants below. The first 100 seeds hold every keyword,
 * field, function, operator and action that the first 400 hold (400 were run until the suite got too slow for CI:
 * about 90 ms of formatting a seed); what more seeds add is other orders of string pieces. FILTERC_FMT_SEEDS=N
 * runs N (and N/2), for a longer search before a release or after a change to the printer.
 */
const SEEDS = Number(process.env.FILTERC_FMT_SEEDS ?? 100);

describe("generated programs", () => {
  it(`keep their meaning and comments, and are stable, for ${SEEDS} seeds`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) expectTidy(expectSafeAndStable(generateProgram(seed)));
  });

  it("survive comments in almost every gap", () => {
    for (let seed = 1000; seed < 1000 + SEEDS / 2; seed++) expectTidy(expectSafeAndStable(generateProgram(seed, { commentRate: 0.5 })));
  });

  it("come out the same whatever the input layout", () => {
    // The same token sequence laid out on one line and spread over many lines formats identically.
    for (let seed = 2000; seed < 2000 + SEEDS / 2; seed++) {
      const tight = generateProgram(seed, { commentRate: 0, newlineRate: 0, blankLines: false });
      const loose = generateProgram(seed, { commentRate: 0, newlineRate: 0.9, blankLines: false });
      expect(fmt(loose)).toBe(fmt(tight));
    }
  });
});
