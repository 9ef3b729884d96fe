import { describe, expect, it } from "vitest";
import { affixProgram, affixShape, runAffix } from "../../compiler/regex/affix-groups.js";
import { compileGroupProgram, runGroupProgram } from "../../compiler/regex/group-program.js";
import { regexGroups } from "../reference/regex.js";
import { bytesOf, random } from "./support.js";

/**
 * Affix patterns (compiler/regex/affix-groups.ts) find their groups with a prefix and suffix test and a class
 * loop instead of a group program. They must find what the group program finds (the Pike VM, which
 * group-program.test.ts checks against the reference engine), match or no match, on the same inputs.
 */

const AFFIX_PATTERNS = [
  "^/old/(.*)$",
  "^([a-z0-9-]+)[.]shop[.]example$",
  "^/v(\\d+)",
  "^/u/([^/]{2,})$",
  "^(.*)$",
  "^x(a*)",
  // Not one-pass (the class holds the suffix's bytes), so these ran the Pike VM before.
  "^/a/(.*)/b$",
  "^(.+)/$",
  "^é(.*)x$",
];

const ALPHABET = ["a", "b", "x", "/", "1", ".", "\n", "é"];

function groups(slots: Int32Array | undefined, input: Uint8Array): (string | undefined)[] | undefined {
  if (slots === undefined) return undefined;
  const text = (g: number) => (slots[2 * g]! < 0 ? undefined : new TextDecoder().decode(input.subarray(slots[2 * g]!, slots[2 * g + 1]!)));
  return [text(0), text(1)];
}

function agree(pattern: string, input: string): void {
  const affix = affixProgram(pattern);
  const general = compileGroupProgram(pattern);
  if (affix === undefined || !general.ok) throw new Error(`${pattern} is not an affix pattern`);
  const bytes = bytesOf(input);
  expect(groups(runAffix(affix, bytes), bytes), `${pattern} on ${JSON.stringify(input)}`).toEqual(groups(runGroupProgram(general.program, bytes), bytes));
}

describe("affix patterns", () => {
  it("are the anchored literal, one repeated class in a group, literal shapes", () => {
    expect(affixShape("^/old/(.*)$")).toMatchObject({ prefix: [...bytesOf("/old/")], suffix: [], min: 0, anchoredEnd: true });
    expect(affixShape("^([a-z0-9-]+)[.]shop[.]example$")).toMatchObject({ prefix: [], suffix: [...bytesOf(".shop.example")], min: 1 });
    expect(affixShape("^/v(\\d+)")).toMatchObject({ prefix: [...bytesOf("/v")], min: 1, anchoredEnd: false });
    expect(affixShape("^(?:/x)(a{3,})$")).toMatchObject({ prefix: [...bytesOf("/x")], min: 3 });
    for (const other of [
      "/old/(.*)$", // not anchored at the start: the leftmost match may start anywhere
      "^/v(\\d+)/", // a suffix without `$`
      "(?i)^/old/(.*)$", // a case-folded literal is two bytes
      "^/(a|b)/(.*)$",
      "^/(x)(.*)$",
      "^/old/(.{0,9})$", // bounded
      "^/old/((?:ab)*)$", // a repeated sequence, not a class
      "^/old/(.*)$|^/new/",
      "^/old/.*$", // no group
      "^/(\\w*)-(\\d*)$",
    ]) {
      expect(affixShape(other), other).toBeUndefined();
    }
  });

  it.each(AFFIX_PATTERNS)("%s finds the groups the group program finds, on every short input", (pattern) => {
    const inputs = [""];
    for (let length = 1; length <= 4; length++) {
      for (const prefix of inputs.filter((s) => [...s].length === length - 1)) for (const c of ALPHABET) inputs.push(prefix + c);
    }
    for (const input of inputs) agree(pattern, input);
  });

  it("finds the groups the group program and the reference engine find, on random longer inputs", () => {
    const next = random(21);
    const pieces = ["/old/", "/v12/", "/a/", "/b", "acme", ".shop.example", "x", "a", "1", "/", "\n", "é", "?q=1", "aaa"];
    let compared = 0;
    for (const pattern of AFFIX_PATTERNS) {
      for (let i = 0; i < 300; i++) {
        const input = Array.from({ length: Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]!).join("");
        agree(pattern, input);
        if (!input.includes("é")) expect(groups(runAffix(affixProgram(pattern)!, bytesOf(input)), bytesOf(input))).toEqual(regexGroups(pattern, input));
        compared++;
      }
    }
    expect(compared).toBe(AFFIX_PATTERNS.length * 300);
  });
});
