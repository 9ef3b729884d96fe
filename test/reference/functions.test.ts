/**
 * The reference interpreter's string functions on their own, with outcomes written from docs/language.md,
 * "Functions" (the differential test compares them with compiled filters).
 */
import { describe, expect, it } from "vitest";
import { interpret } from "./interpreter.js";
import { exchangeOf } from "./model.js";

/** The upstream's `x-out` after `set "x-out" = EXPR`, and whether the call had a value (`size(...) >= 0`). */
function evaluate(expression: string, headers: Array<[string, string]> = []): string | undefined {
  const program = `on request_headers when ${presence(expression)} set "x-out" = ${expression}`;
  const outcome = interpret(program, exchangeOf({ request: { headers } }));
  return outcome.upstream?.find(([name]) => name === "x-out")?.[1];
}

const presence = (expression: string) => (expression.startsWith("size(") ? `${expression} >= 0` : `size(${expression}) >= 0`);

describe("the reference interpreter's string functions", () => {
  it("are absent for an absent argument", () => {
    for (const expression of ['size(request.header["x"])', 'upper(request.header["x"])', 'substring(request.header["x"], 1)', 'replace("a", "a", request.header["x"])']) {
      expect(evaluate(expression), expression).toBeUndefined();
    }
  });

  it("work on bytes", () => {
    expect(evaluate('size("é😀")')).toBe("6");
    expect(evaluate('upper("aé")')).toBe("Aé");
    expect(evaluate('split_last("a/é/b", "é")')).toBe("/b");
  });

  it("clamp substring and count a negative start from the end", () => {
    expect(evaluate('substring("abcdef", 2, 2)')).toBe("cd");
    expect(evaluate('substring("abcdef", 4, 100)')).toBe("ef");
    expect(evaluate('substring("abc", 7)')).toBe("");
    const negative = interpret('param start = 0\non request_headers set "x-out" = substring("abcdef", start)', exchangeOf({}), JSON.stringify({ start: -2 }));
    expect(negative.upstream?.find(([name]) => name === "x-out")?.[1]).toBe("ef");
  });

  it("replace left to right without overlaps, and keep + in url_decode", () => {
    expect(evaluate('replace("aaaa", "aa", "b")')).toBe("bb");
    expect(evaluate('replace("aaa", "aa", "b")')).toBe("ba");
    expect(evaluate('url_decode("a+b%20c")')).toBe("a+b c");
    expect(evaluate('url_decode("100%")')).toBeUndefined();
    expect(evaluate('url_encode("a b~")')).toBe("a%20b~");
  });
});
