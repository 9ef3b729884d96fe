import { describe, expect, it } from "vitest";
import { headerNameProblem, headerPrefixProblem } from "../../compiler/check/header-names.js";
import { expectClean, expectOne } from "./helpers.js";

describe("header names in actions", () => {
  it("accepts lower-case tokens and the known pseudo-headers", () => {
    expectClean(
      'on request_headers { set "x-a" = "1"; add "x-b!#$%&\'*+.^_`|~9" = "2"; set_default ":authority" = "h"; remove "x-c"; rename "x-d" to "x-e" }\n' +
        'on response_headers respond 200 "ok" with { "content-type" = "text/plain", ":status" = "200" }',
    );
  });

  it("refuses a name that is not a token (E0401)", () => {
    const d = expectOne('on request_headers set "x request id" = "1"', "E0401", 1, 24);
    expect(d.message).toBe("header name `x request id` contains a space, which is not allowed in a header name");
    expect(d.span).toEqual({ start: 23, end: 37 });
  });

  it("refuses an empty name (E0401)", () => {
    expect(expectOne('on request_headers remove ""', "E0401", 1, 27).message).toBe("a header name cannot be empty");
  });

  it("refuses upper case with the lower-cased name as hint (E0402)", () => {
    const d = expectOne('on request_headers add "X-Frame-Options" = "DENY"', "E0402", 1, 24);
    expect(d.message).toBe("header name `X-Frame-Options` has upper-case letters");
    expect(d.hint).toBe('Envoy lower-cases header names: write "x-frame-options"');
  });

  it("checks both names of rename and the names of respond headers", () => {
    expectOne('on response_headers rename "x-a" to "X-B"', "E0402", 1, 37);
    expectOne('on request_headers respond 200 "ok" with { "Content-Type" = "text/plain" }', "E0402", 1, 44);
  });

  it("refuses unknown pseudo-headers (E0403)", () => {
    const d = expectOne('on request_headers set ":host" = "a"', "E0403", 1, 24);
    expect(d.message).toBe("unknown pseudo-header `:host`");
    expect(d.hint).toBe("only `:path`, `:method`, `:authority`, `:scheme`, `:status` start with `:`");
  });

  it("refuses a colon inside a name (E0401)", () => {
    expect(expectOne('on request_headers set "x:a" = "a"', "E0401", 1, 24).message).toContain("contains `:`");
  });
});

describe("remove prefix (E0404)", () => {
  it("accepts a lower-case token prefix", () => {
    expectClean('on response_headers remove prefix "x-internal-"');
  });

  it("refuses an empty, upper-case or non-token prefix", () => {
    expect(expectOne('on response_headers remove prefix ""', "E0404", 1, 35).message).toBe("`remove prefix` needs a non-empty prefix");
    expect(expectOne('on response_headers remove prefix "X-Internal-"', "E0404", 1, 35).hint).toBe(
      'Envoy lower-cases header names: write "x-internal-"',
    );
    expect(expectOne('on response_headers remove prefix "x internal"', "E0404", 1, 35).message).toBe(
      "header prefix `x internal` contains a space, which no header name can contain",
    );
  });
});

describe("headerNameProblem", () => {
  it("classifies names", () => {
    expect(headerNameProblem("x-a")).toBeUndefined();
    expect(headerNameProblem(":path")).toBeUndefined();
    expect(headerNameProblem(":PATH")).toEqual({ kind: "uppercase", lowercase: ":path" });
    expect(headerNameProblem(":foo")).toEqual({ kind: "pseudo" });
    expect(headerNameProblem(":")).toEqual({ kind: "pseudo" });
    expect(headerNameProblem("a\tb")).toEqual({ kind: "character", character: "\t", index: 1 });
    expect(headerNameProblem("é")).toEqual({ kind: "character", character: "é", index: 0 });
    expect(headerPrefixProblem(":")).toEqual({ kind: "character", character: ":", index: 0 });
  });
});
