import { describe, expect, it } from "vitest";
import { compileRegex } from "../../compiler/regex/index.js";
import { compileGroupProgram, MAX_GROUP_CELLS, runGroupProgram } from "../../compiler/regex/group-program.js";
import { runOnePass } from "../../compiler/regex/one-pass.js";
import { regexGroups } from "../reference/regex.js";

/**
 * The groups the compiler's program finds, as strings (undefined for an absent group), or undefined for no match.
 * A one-pass pattern is run both ways (one-pass.ts and the Pike VM), which must agree.
 */
function groupsOf(pattern: string, input: string): (string | undefined)[] | undefined {
  const compiled = compileGroupProgram(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.errors[0]!.message}`);
  const bytes = Uint8Array.from(input, (c) => c.charCodeAt(0));
  const groupsIn = (slots: Int32Array | undefined) => {
    if (slots === undefined) return undefined;
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= compiled.groups; g++) groups.push(slots[2 * g]! < 0 ? undefined : input.slice(slots[2 * g]!, slots[2 * g + 1]!));
    return groups;
  };
  const found = groupsIn(runGroupProgram(compiled.program, bytes));
  if (compiled.onePass !== undefined) expect(groupsIn(runOnePass(compiled.onePass, bytes)), `one-pass ${pattern} on ${JSON.stringify(input)}`).toEqual(found);
  return found;
}

describe("match groups", () => {
  it.each([
    ["^/old/(.*)$", "/old/x/y?q=1", ["/old/x/y?q=1", "x/y?q=1"]],
    ["^/old/(.*)$", "/old/", ["/old/", ""]],
    ["^/old/(.*)$", "/new/x", undefined],
    // Leftmost, then longest: the search finds the first `a`, and the longest run from there.
    ["a+", "xxaaayaaaa", ["aaa"]],
    ["(a|ab)(c|bcd)", "abcd", ["abcd", "a", "bcd"]],
    // Among the paths giving the longest match, the first alternative that can.
    ["(a|ab)(b*)", "ab", ["ab", "a", "b"]],
    // Greedy repetitions: the first group takes what it can.
    ["(a*)(a*)", "aaa", ["aaa", "aaa", ""]],
    // A group that took no part is absent; one that matched nothing is empty.
    ["^(x)?y", "y", ["y", undefined]],
    ["^(x?)y", "y", ["y", ""]],
    ["^/(?:a|(b))/", "/a/", ["/a/", undefined]],
    ["^/(?:a|(b))/", "/b/", ["/b/", "b"]],
    // Nested groups, numbered by their `(` from the left.
    ["^/((\\w+)-(\\d+))/", "/item-42/x", ["/item-42/", "item-42", "item", "42"]],
    // A group in a repetition holds its last iteration, or nothing when that iteration went around it.
    ["^(?:(\\d)|x)+$", "12x", ["12x", undefined]],
    ["^(?:(\\d)|x)+$", "1x2", ["1x2", "2"]],
    ["^(a|b){2,3}", "abab", ["aba", "a"]],
    // `$` and `^` alternatives.
    ["^a|b$", "cab", ["b"]],
    ["^a|b$", "abb", ["a"]],
    ["(?i)^/API/(v\\d)", "/api/V2/x", ["/api/V2", "V2"]],
    ["(?P<id>\\d+)", "order 123 of 456", ["123", "123"]],
    ["", "abc", [""]],
  ] as const)("%s on %s", (pattern, input, expected) => {
    expect(groupsOf(pattern, input)).toEqual(expected);
    expect(regexGroups(pattern, input)).toEqual(expected);
  });

  it("agrees with the reference engine on generated inputs", () => {
    const patterns = [
      "(a|ab)(c|bcd)(d*)",
      "^(a*)(b|ab)*$",
      "(x+|y)(y*)",
      "((a)|b)+",
      "(a?)(a?)a",
      "^/([^/]*)/(.*)$",
      "(\\d+)\\.(\\d+)?",
      "(ab|a)(bc|c)?",
      "b(a|(b))*c|a",
      "(?:(a)|(b)|c){1,3}d",
      "^/([^/]*)(/.*)?$",
      "^(?:(a)|(b)|c)+(d)?$",
      "^(x*)y(1?)",
      "^(?:a(b?)|c)*$",
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let compared = 0;
    for (const pattern of patterns) {
      expect(compileRegex(pattern).ok).toBe(true);
      for (let i = 0; i < 150; i++) {
        const input = Array.from({ length: random(9) }, () => "abcdxy/.1"[random(9)]).join("");
        expect(groupsOf(pattern, input), `${pattern} on ${JSON.stringify(input)}`).toEqual(regexGroups(pattern, input));
        compared++;
      }
    }
    expect(compared).toBe(2100);
  });

  it("stays linear: a long subject costs one pass", () => {
    const long = "/old/" + "x".repeat(50_000);
    expect(groupsOf("^/old/(.*)$", long)?.[1]?.length).toBe(50_000);
    expect(groupsOf("(x+)y", "x".repeat(20_000))).toBeUndefined();
  });

  it("gives anchored patterns where one way at a time can read a byte a one-pass program, and no others", () => {
    const onePass = (pattern: string) => {
      const compiled = compileGroupProgram(pattern);
      return compiled.ok && compiled.onePass !== undefined;
    };
    for (const pattern of ["^/old/(.*)$", "^([a-z0-9-]+)[.]shop[.]example$", "^/v(\\d+)/([^/?]*)", "^/(?:(api)|(web))/(.*)$", "^(?:(\\d)|x)+$", "^a|^b"]) {
      expect(onePass(pattern), pattern).toBe(true);
    }
    // Unanchored, or two ways reading the same byte (`a*` then `a`, both alternatives starting with `a`).
    for (const pattern of ["/old/(.*)$", "^(a*)(a*)$", "^(a|ab)(c|bcd)", "^/(?:(api)|(admin))/", "^a|b"]) expect(onePass(pattern), pattern).toBe(false);
  });

  it("counts only capturing groups", () => {
    const compiled = compileGroupProgram("(?:a)(b)(?P<n>c)((d)|e)");
    expect(compiled.ok && compiled.groups).toBe(4);
  });

  it("refuses a pattern whose scratch would be too large, with E0318", () => {
    const compiled = compileGroupProgram("^/(a)(b)(c)(d)(e)(f)(g)(h)/(.{1,200})$");
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect(compiled.errors[0]!.code).toBe("E0318");
      expect(compiled.errors[0]!.message).toContain(`at most ${MAX_GROUP_CELLS} cells`);
    }
  });
});
