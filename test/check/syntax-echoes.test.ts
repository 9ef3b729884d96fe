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
