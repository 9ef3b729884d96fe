import { describe, expect, it } from "vitest";
import { matchTable } from "../../compiler/regex/index.js";
import { literalPrefix } from "../../compiler/regex/literal-prefix.js";
import { MATCH_CASES } from "./cases.js";
import { bytesOf, tableOf } from "./support.js";

const startsWith = (input: Uint8Array, prefix: string) => input.length >= prefix.length && [...prefix].every((c, i) => input[i] === c.charCodeAt(0));

describe("literalPrefix", () => {
  it("recognizes patterns that are a start-anchored literal", () => {
    expect(literalPrefix("^/v1/")).toBe("/v1/");
    expect(literalPrefix("^a\\.b")).toBe("a.b");
    expect(literalPrefix("^[a]b")).toBe("ab");
  });

  it("leaves every other pattern to the matcher", () => {
    for (const pattern of ["", "^", "/v1/", "^/v1/$", "^a|^b", "(?i)^ab", "^a.b", "^ab*", "^x{2}", "^\\d", "^é", "^(a|b)"]) {
      expect(literalPrefix(pattern), pattern).toBeUndefined();
    }
  });

  it("agrees with the DFA wherever it applies", () => {
    const inputs = ["", "/", "/v1", "/v1/", "/v1/x", "x/v1/", "abc", "a.b", "ab", "axb"].map(bytesOf);
    let checked = 0;
    for (const c of MATCH_CASES) {
      const prefix = literalPrefix(c.pattern);
      if (prefix === undefined) continue;
      expect(startsWith(bytesOf(c.input), prefix), `${c.pattern} on ${JSON.stringify(c.input)}`).toBe(c.expected);
      checked++;
    }
    for (const pattern of ["^/v1/", "^a\\.b", "^[a]b", "^abc"]) {
      for (const input of inputs) expect(startsWith(input, literalPrefix(pattern)!)).toBe(matchTable(tableOf(pattern), input));
    }
    expect(checked).toBeGreaterThan(0);
  });
});
