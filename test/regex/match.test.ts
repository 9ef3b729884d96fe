import { describe, expect, it } from "vitest";
import { isTriviallyTrue, matchTable } from "../../compiler/regex/index.js";
import { MATCH_CASES } from "./cases.js";
import { bytesOf, javascriptRegExp, tableOf } from "./support.js";

const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);

describe("matchTable", () => {
  it.each(MATCH_CASES.map((c) => [c.pattern, typeof c.input === "string" ? JSON.stringify(c.input) : `bytes ${c.input.join(",")}`, c] as const))(
    "%s on %s",
    (_pattern, _input, c) => {
      expect(matchTable(tableOf(c.pattern), bytesOf(c.input))).toBe(c.expected);
    },
  );

  it("agrees with JavaScript's RegExp where the semantics coincide", () => {
    let checked = 0;
    for (const c of MATCH_CASES) {
      if (c.js === false || typeof c.input !== "string" || !isAscii(c.pattern) || !isAscii(c.input)) continue;
      // The expectation itself is cross-checked, so a wrong expected value cannot hide behind both engines.
      expect(javascriptRegExp(c.pattern).test(c.input), `${c.pattern} on ${JSON.stringify(c.input)}`).toBe(c.expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it("handles inputs much longer than the pattern, ending in the right state", () => {
    const long = "x".repeat(100_000);
    expect(matchTable(tableOf("needle"), bytesOf(long + "needle"))).toBe(true);
    expect(matchTable(tableOf("needle"), bytesOf(long + "needl"))).toBe(false);
    expect(matchTable(tableOf("^x+$"), bytesOf(long))).toBe(true);
    expect(matchTable(tableOf("^x+$"), bytesOf(long + "y"))).toBe(false);
  });
});

describe("isTriviallyTrue", () => {
  it.each([".*", "", "^", "$", "x*", "(a|b)*", "a|", "(?i)", "(|x)", "^|a", "[\\s\\S]*", "\\d*$|a", "\\d*$"])("%s matches every input", (pattern) => {
    expect(isTriviallyTrue(tableOf(pattern))).toBe(true);
    expect(matchTable(tableOf(pattern), bytesOf(""))).toBe(true);
  });

  it.each(["a", ".", "^.*$", "^$", ".+", "^x*$", "a*b", "\\d+$|a$", "^\\d*$"])("%s does not", (pattern) => {
    expect(isTriviallyTrue(tableOf(pattern))).toBe(false);
  });
});
