import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { lintText } from "../lint/helpers.js";

/** Issue 14: the specific syntax error comes first, and the generic E0216 is not shown for the same condition. */
const codes = (text: string) => analyze(new Source("rules.fw", text)).diagnostics.map((d) => `${d.code} ${d.span.start}`);

describe("a condition cut short by a syntax error", () => {
  it("`=` instead of `==`: E0112 alone, with its hint", () => {
    const text = 'on request_headers when request.path = "/" deny 403';
    const diagnostics = analyze(new Source("rules.fw", text)).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(["E0112"]);
    expect(diagnostics[0]!.hint).toBe("to compare values, use `==`");
  });

  it("`matches` with a param or field: E0115 alone", () => {
    expect(codes("param p = \"^/a\"\non request_headers when request.path matches p deny 404").map((c) => c.split(" ")[0])).toEqual(["E0115"]);
    expect(codes('on request_headers when request.path matches request.header["x"] deny 404').map((c) => c.split(" ")[0])).toEqual(["E0115"]);
  });

  it("lint shows the same: the specific error only", () => {
    const messages = lintText('on request_headers when request.header["x"] = "1" set "y" = "2"\n').messages;
    expect(messages.map((m) => m.code)).toEqual(["E0112"]);
  });

  it("keeps E0216 where nothing cut the condition short, and where the syntax error is elsewhere", () => {
    expect(codes('on request_headers when request.path deny 403').map((c) => c.split(" ")[0])).toEqual(["E0216"]);
    const text = 'on request_headers when request.path deny 403\non request_headers when request.path = "/" deny 403';
    expect(codes(text)).toEqual(["E0216 24", `E0112 ${text.lastIndexOf("=")}`]);
  });
});

describe("`any` after an operator it cannot follow", () => {
  it("`== any PARAM` and `!= any PARAM`: E0130 alone, not the E0217 its comparison would add", () => {
    const declared = 'param methods = ["GET", "HEAD"]\n';
    for (const operator of ["==", "!="]) {
      const text = `${declared}on request_headers when request.method ${operator} any methods deny 405`;
      const diagnostics = analyze(new Source("rules.fw", text)).diagnostics;
      expect(diagnostics.map((d) => `${d.code} ${d.span.start}`)).toEqual([`E0130 ${text.indexOf(operator)}`]);
      expect(diagnostics[0]!.message).toBe(`\`any\` cannot follow \`${operator}\`: it goes after \`contains\`, \`starts_with\` or \`ends_with\``);
      expect(diagnostics[0]!.hint).toMatch(/^test membership with `in`/);
    }
  });

  it("`< any`, `in any` and `== any` on a list literal: E0130 alone", () => {
    const text = 'param codes = ["1"]\non response_headers when response.status < any codes deny 405';
    expect(codes(text).map((c) => c.split(" ")[0])).toEqual(["E0130"]);
    expect(codes('on response_headers when response.status >= any ["500"] deny 405').map((c) => c.split(" ")[0])).toEqual(["E0130"]);
    expect(codes('on request_headers when request.method in any ["GET"] deny 405').map((c) => c.split(" ")[0])).toEqual(["E0130"]);
    expect(codes('on request_headers when request.method == any ["GET"] deny 405').map((c) => c.split(" ")[0])).toEqual(["E0130"]);
  });

  it("keeps E0217 and E0218 for comparisons with a list that have no `any`, also beside one that has", () => {
    const text = 'param methods = ["GET"]\non request_headers when request.method == methods deny 405\non request_headers when request.method == any methods deny 405';
    expect(codes(text)).toEqual([`E0217 ${text.indexOf("request.method")}`, `E0130 ${text.lastIndexOf("==")}`]);
    const ordering = 'param codes = ["1"]\non response_headers when response.status < codes and response.status < any codes deny 405';
    expect(codes(ordering)).toEqual([`E0218 ${ordering.indexOf("codes and")}`, `E0130 ${ordering.lastIndexOf("<")}`]);
  });

  it("lint shows the same: E0130 only", () => {
    const messages = lintText('param methods = ["GET"]\non request_headers when request.method == any methods deny 405\n').messages;
    expect(messages.map((m) => m.code)).toEqual(["E0130"]);
  });
});
