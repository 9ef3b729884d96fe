import { describe, expect, it } from "vitest";
import { compileGroupProgram } from "../../compiler/regex/group-program.js";
import { compileRegex, REGEX_CODES, RegexCode } from "../../compiler/regex/index.js";

/** [pattern, code, offset, length, a fragment of the message] */
const ERROR_CASES: readonly [string, string, number, number, string][] = [
  ["(ab", "E0301", 0, 1, "never closed"],
  ["a(b(c)", "E0301", 1, 1, "never closed"],
  ["ab)", "E0301", 2, 1, "unmatched `)`"],
  ["a|b)|c", "E0301", 3, 1, "unmatched `)`"],
  ["[ab", "E0302", 0, 1, "never closed"],
  ["x[^ab", "E0302", 1, 1, "never closed"],
  ["a]", "E0302", 1, 1, "unmatched `]`"],
  ["[]", "E0303", 0, 2, "empty character class"],
  ["[]a]", "E0303", 0, 2, "empty character class"],
  ["x[^]", "E0303", 1, 3, "empty character class"],
  ["[^\\x00-\\xff]", "E0303", 0, 12, "matches no byte"],
  ["[z-a]", "E0304", 1, 3, "backwards"],
  ["x[0-9b-a]", "E0304", 5, 3, "backwards"],
  ["[\\d-z]", "E0304", 1, 4, "class escape"],
  ["[a-\\w]", "E0304", 1, 4, "class escape"],
  ["[é]", "E0305", 1, 1, "non-ASCII"],
  ["[a😀]", "E0305", 2, 2, "non-ASCII"],
  ["\\q", "E0306", 0, 2, "unknown escape `\\q`"],
  ["ab\\", "E0306", 2, 1, "lone backslash"],
  ["\\x4", "E0306", 0, 2, "two hex digits"],
  ["\\x{41}", "E0306", 0, 2, "two hex digits"],
  ["\\A/api", "E0306", 0, 2, "unknown escape"],
  ["\\p{L}", "E0306", 0, 2, "unknown escape"],
  ["\\0", "E0306", 0, 2, "unknown escape"],
  ["[\\b]", "E0306", 1, 2, "inside a character class"],
  ["\\é", "E0306", 0, 2, "unknown escape `\\é`"],
  ["(a)\\1", "E0307", 3, 2, "backreferences need backtracking, which filterc rules out to keep matching linear-time"],
  ["(?P<n>a)(?P=n)", "E0307", 8, 6, "backreferences"],
  ["(?<n>a)\\k<n>", "E0307", 7, 5, "backreferences"],
  ["a(?=b)", "E0308", 1, 3, "lookahead"],
  ["(?!b)a", "E0308", 0, 3, "lookahead"],
  ["(?<=a)b", "E0308", 0, 4, "lookbehind"],
  ["(?<!a)b", "E0308", 0, 4, "lookbehind"],
  ["a*+", "E0309", 1, 2, "possessive"],
  ["a{2}+", "E0309", 1, 4, "possessive"],
  ["(?>a)", "E0309", 0, 3, "atomic"],
  ["\\bword\\b", "E0310", 0, 2, "word boundaries"],
  ["a\\B", "E0310", 1, 2, "word boundaries"],
  ["\\<a", "E0310", 0, 2, "word boundaries"],
  ["*a", "E0311", 0, 1, "nothing to repeat"],
  ["a|+b", "E0311", 2, 1, "nothing to repeat"],
  ["(*)", "E0311", 1, 1, "nothing to repeat"],
  ["^*", "E0311", 1, 1, "nothing to repeat"],
  ["{2}", "E0311", 0, 3, "nothing to repeat"],
  ["a**", "E0311", 2, 1, "cannot follow another quantifier"],
  ["a{2}{3}", "E0311", 4, 3, "cannot follow another quantifier"],
  ["a???", "E0311", 3, 1, "cannot follow another quantifier"],
  ["a{,3}", "E0312", 1, 4, "does not start a valid repetition"],
  ["a{x}", "E0312", 1, 3, "does not start a valid repetition"],
  ["a{2", "E0312", 1, 1, "does not start a valid repetition"],
  ["a{5,2}", "E0312", 1, 5, "minimum above its maximum"],
  ["a}", "E0312", 1, 1, "unmatched `}`"],
  ["a{1001}", "E0313", 1, 6, "over 1000"],
  ["a{1,2000}", "E0313", 1, 8, "over 1000"],
  ["a{99999999999999999999}", "E0313", 1, 22, "over 1000"],
  ["a^b", "E0314", 1, 1, "`^` can only appear"],
  ["(^a)", "E0314", 1, 1, "`^` can only appear"],
  ["^^a", "E0314", 1, 1, "`^` can only appear"],
  ["a$b", "E0314", 1, 1, "`$` can only appear"],
  ["(a$)", "E0314", 2, 1, "`$` can only appear"],
  ["(a|b$)", "E0314", 4, 1, "`$` can only appear"],
  ["a$$", "E0314", 1, 1, "`$` can only appear"],
  ["a(?i)b", "E0315", 1, 4, "only allowed at the very start"],
  ["^(?i)b", "E0315", 1, 4, "only allowed at the very start"],
  ["(?s)a", "E0315", 0, 4, "unsupported flags"],
  ["(?i:a)", "E0315", 0, 4, "unsupported flags"],
  ["(?#note)a", "E0315", 0, 3, "comments"],
  ["[[:alpha:]]", "E0315", 1, 9, "POSIX"],
  ["(?<1a>x)", "E0315", 0, 3, "group name"],
  ["(?P>n)", "E0315", 0, 6, "recursive"],
  ["(?*a)", "E0315", 0, 2, "unsupported group syntax"],
  ["(x{100}){101}", "E0316", 0, 13, "too large"],
  ["a{1000}b{1000}c{1000}d{1000}e{1000}f{1000}g{1000}h{1000}i{1000}j{1000}k{1000}", "E0316", 70, 7, "too large"],
  ["(".repeat(300) + ")".repeat(300), "E0316", 200, 1, "nested more than 200 deep"],
  ["a.{20}$", "E0317", 0, 7, "needs more than 1024 DFA states; simplify it"],
];

describe("regex errors", () => {
  const labelled = ERROR_CASES.map(([pattern, code, offset, length, message]) => {
    const label = pattern.length > 40 ? `${pattern.slice(0, 40)}...` : pattern;
    return [label, code, offset, length, pattern, message] as const;
  });
  it.each(labelled)("%s -> %s at %i+%i", (_label, code, offset, length, pattern, message) => {
    const result = compileRegex(pattern);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect({ code: error!.code, offset: error!.offset, length: error!.length }).toEqual({ code, offset, length });
    expect(error!.message).toContain(message);
    expect(error!.hint, "every error says what to do").toBeTruthy();
  });

  it("covers every code, and documents every code", () => {
    const codes = Object.values(RegexCode);
    // E0318 is the group compiler's (group-program.test.ts covers it): compileRegex never reports it.
    expect(new Set([...ERROR_CASES.map(([, code]) => code), RegexCode.groupsTooLarge])).toEqual(new Set(codes));
    expect(Object.keys(REGEX_CODES).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^E03(0[1-9]|[1-9]\d)$/);
      expect(REGEX_CODES[code]!.title.length).toBeGreaterThan(10);
      expect(REGEX_CODES[code]!.explanation).toContain("Incorrect");
      expect(REGEX_CODES[code]!.explanation).toContain("Correct");
    }
  });

  it("documents examples that behave as documented: each Incorrect fails with its code, each Correct compiles", () => {
    // Examples are rule-file strings, where only `\\` and `\"` are escapes.
    const stringsOn = (line: string) =>
      Array.from(line.matchAll(/"((?:[^"\\]|\\.)*)"/g), (m) => m[1]!.replace(/\\(["\\])/g, "$1")).filter((s) => !s.startsWith("accept"));
    let checked = 0;
    for (const [code, doc] of Object.entries(REGEX_CODES)) {
      for (const line of doc.explanation.split("\n")) {
        const incorrect = line.startsWith("Incorrect:");
        if (!incorrect && !line.startsWith("Correct:")) continue;
        for (const pattern of stringsOn(line)) {
          const result = code === RegexCode.groupsTooLarge ? compileGroupProgram(pattern) : compileRegex(pattern);
          if (incorrect) expect(result.ok ? "ok" : result.errors[0]!.code, `${code}: ${pattern}`).toBe(code);
          else expect(result.ok, `${code}: ${pattern}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("accepts the near misses of each error", () => {
    for (const pattern of ["(?i)^a", "^a$|^b$", "a|^b", "[a-]", "[-a]", "a{0,3}", "a{1000}", "\\{x\\}", "[\\^]", "\\$", "a*?", "(?:a)", "(?P<a_1>x)", "[\\x00-\\xff]", "a\\-b", "é+"]) {
      expect(compileRegex(pattern).ok, pattern).toBe(true);
    }
  });
});
