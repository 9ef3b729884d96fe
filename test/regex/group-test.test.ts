import { describe, expect, it } from "vitest";
import { compileGroupProgram } from "../../compiler/regex/group-program.js";
import { matchTable } from "../../compiler/regex/match.js";
import { runOnePass } from "../../compiler/regex/one-pass.js";
import { bytesOf, random, tableOf } from "./support.js";

/**
 * A rule that reads `match[N]` of a one-pass pattern tests its condition with the group pass alone, not the DFA
 * and then the group pass (compiler/lower/match-groups.ts lowerWithGroupTest). That is right only if the one-pass
 * program finds a match exactly when the pattern's DFA matches: checked here on every input of a small alphabet
 * up to a length, and on random longer ones.
 */

const ONE_PASS_PATTERNS = [
  "^/old/(.*)$",
  "^([a-z0-9-]+)[.]shop[.]example$",
  "^/v(\\d+)/([^/?]*)",
  "^/(?:(api)|(web))/(.*)$",
  "^/(api|web)/(.*)$",
  "^(?:(\\d)|x)+$",
  "^a|^b",
  "^(x)?y",
  "^(x?)y$",
  "(?i)^/(A)(p)?",
  "^(a+)(b)?$",
  "^/([^/]*)(/.*)?$",
  "^(é|x)(.)",
  "^$",
  "^(?:/([^/]*))+",
];

const ALPHABET = ["a", "b", "x", "y", "/", "1", "A", "p", ".", "\n", "é"];

const compiledPatterns = new Map<string, { program: Uint8Array; table: Uint8Array }>();

function agree(pattern: string, input: string): void {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    const groups = compileGroupProgram(pattern);
    if (!groups.ok || groups.onePass === undefined) throw new Error(`${pattern} is not one-pass`);
    compiled = { program: groups.onePass, table: tableOf(pattern) };
    compiledPatterns.set(pattern, compiled);
  }
  const bytes = bytesOf(input);
  expect(runOnePass(compiled.program, bytes) !== undefined, `${pattern} on ${JSON.stringify(input)}`).toBe(matchTable(compiled.table, bytes));
}

describe("a one-pass group program as the test of its `matches`", () => {
  it.each(ONE_PASS_PATTERNS)("%s finds a match exactly when its DFA matches, on every short input", (pattern) => {
    const inputs = [""];
    for (let length = 1; length <= 3; length++) {
      for (const prefix of inputs.filter((s) => [...s].length === length - 1)) for (const c of ALPHABET) inputs.push(prefix + c);
    }
    for (const input of inputs) agree(pattern, input);
  });

  it("finds a match exactly when the DFA matches, on random longer inputs and on the examples' values", () => {
    const next = random(14);
    const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
    const pieces = ["/old/", "/v12/", "/api/", "/web/", "acme", ".shop.example", "x", "y", "1", "a", "b", "/", "\n", "é", "?q=1"];
    let compared = 0;
    for (const pattern of ONE_PASS_PATTERNS) {
      for (let i = 0; i < 200; i++) {
        agree(pattern, Array.from({ length: Math.floor(next() * 8) }, () => pick(pieces)).join(""));
        compared++;
      }
    }
    for (const value of ["/old/docs/intro?lang=en", "/app", "acme.shop.example", "www.example", "Acme.shop.example", "a.b.shop.example"]) {
      agree("^/old/(.*)$", value);
      agree("^([a-z0-9-]+)[.]shop[.]example$", value);
    }
    expect(compared).toBe(ONE_PASS_PATTERNS.length * 200);
  });
});
