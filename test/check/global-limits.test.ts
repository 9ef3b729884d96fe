import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { printProgram } from "../../grammar/printer.js";
import { checkText, located } from "./helpers.js";

const codes = (text: string) => {
  const { source, diagnostics } = checkText(text);
  return diagnostics.map((d) => located(source, d));
};
const only = (text: string) => codes(text).map((d) => d.code);
const syntax = (text: string) => parse(new Source("rules.fw", text)).diagnostics;
const syntaxCodes = (text: string) => syntax(text).map((d) => d.code);

describe("limit ... via CLUSTER", () => {
  it("accepts every clause, `per day`, and `on failure` next to a following `on` statement", () => {
    expect(
      only(
        [
          'rule "a" on request_headers limit 100 per minute by request.header["x-tenant"] via "ratelimit" timeout 50ms on failure deny',
          'rule "b" on request_headers limit 10000 per day via "ratelimit" timeout 1s',
          'rule "c" on request_headers when request.path == "/x" limit 5 per second via "rl" on failure allow',
          'rule "d" shadow on request_headers { set "x-a" = "1"; limit 1 per hour via "rl" }',
          'on response_headers set "x-b" = "2"',
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("says what is wrong with its syntax: E0154-E0158", () => {
    expect(syntaxCodes("on request_headers limit 5 per day")).toEqual(["E0154"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute burst 2 via "rl"')).toEqual(["E0155"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute by source.address buckets 64 via "rl"')).toEqual(["E0155"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute headers off via "rl"')).toEqual(["E0155"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via ""')).toEqual(["E0156"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" timeout 20')).toEqual(["E0157"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" timeout 20sec')).toEqual(["E0157"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" timeout 0ms')).toEqual(["E0157"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" timeout 61s')).toEqual(["E0157"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" on failure block')).toEqual(["E0158"]);
    expect(syntaxCodes('rule "a" on request_headers limit 5 per minute via "rl" on failure')).toEqual(["E0158"]);
    const [timeout] = syntax('rule "a" on request_headers limit 5 per minute via "rl" timeout 20sec');
    expect(`${timeout!.message} | ${timeout!.hint}`).toBe("the timeout `20sec` of `via` has the unit `sec`, not `ms` or `s` | write a duration from 1ms to 60s, e.g. `timeout 20ms` or `timeout 1s`");
  });

  it("stands in a named request_headers rule, last in its branch, one per rule, with a written number: E0267-E0269, E0282-E0284", () => {
    expect(codes('on request_headers limit 5 per minute via "rl"')).toEqual([{ code: "E0267", line: 1, column: 20 }]);
    expect(only('rule "a" on request_body limit 5 per minute via "rl"')).toEqual(["E0268"]);
    expect(only('rule "a" on response_headers limit 5 per minute via "rl"')).toEqual(["E0262"]);
    expect(only('rule "a" on request_headers { limit 5 per minute via "rl"; set "x-a" = "1" }')).toEqual(["E0269"]);
    expect(codes('rule "w" on request_headers let t = request.header["x-t"]\nrule "a" on request_headers limit 5 per minute by t via "rl"')).toEqual([{ code: "E0282", line: 1, column: 29 }]);
    // After the limit a variable is fine.
    expect(only('rule "a" on request_headers limit 5 per minute via "rl"\nrule "w" on request_headers { let t = request.header["x-t"]; set "x-t2" = t }')).toEqual([]);
    expect(only('param n = 5\nrule "a" on request_headers limit n per minute via "rl"')).toEqual(["E0283"]);
    expect(only('rule "a" on request_headers when request.method == "POST" limit 5 per minute via "rl" else limit 50 per minute via "rl"')).toEqual(["E0284"]);
  });

  it("formats in canonical form and back", () => {
    const text = 'rule "a" on request_headers limit 5 per day by source.address via "rl" timeout 20 ms on failure deny\n';
    const formatted = printProgram(parse(new Source("rules.fw", text)).program, text);
    expect(formatted).toBe('rule "a" on request_headers limit 5 per day by source.address via "rl" timeout 20ms on failure deny\n');
    expect(printProgram(parse(new Source("rules.fw", formatted)).program, formatted)).toBe(formatted);
  });
});
