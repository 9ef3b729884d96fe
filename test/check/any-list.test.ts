import { describe, expect, it } from "vitest";
import { expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("contains any / starts_with any / ends_with any (E0255)", () => {
  it("accepts a list param and a list literal of strings on a string", () => {
    expectClean(
      'param bots = ["curl/"]\non request_headers when request.header["user-agent"] contains any bots or request.path starts_with any ["/a", "/b"] or request.host ends_with any ([".x"]) deny 403',
    );
  });

  it("refuses a string after `any`, and says to use the plain operator", () => {
    const d = expectOne('param bot = "curl/"\non request_headers when request.header["user-agent"] contains any bot deny 403', "E0255", 2, 67);
    expect(d.message).toBe("`contains any` tests every item of a list, but `bot` is a string, not a list");
    expect(d.hint).toBe('for one value write `contains bot`; for several, a list param or a list such as `contains any ["a", "b"]`');
    expect(expectOne('on request_headers when request.path ends_with any "/x" deny 403', "E0255", 1, 52).message).toBe(
      '`ends_with any` tests every item of a list, but `"/x"` is a string, not a list',
    );
  });

  it("refuses an int after `any`, and an int before it", () => {
    expect(expectOne("on request_headers when request.path contains any 3 deny 403", "E0255", 1, 51).hint).toBe(
      'write a list param or a list of strings such as `contains any ["a", "b"]`',
    );
    expect(expectOne('param l = ["5"]\non response_headers when response.status starts_with any l deny 500', "E0219", 2, 26).message).toBe(
      "`starts_with any` works on strings, but `response.status` is an int",
    );
  });

  it("refuses list literal items that are not strings", () => {
    expectDiagnostics('on request_headers when request.path contains any ["a", 1] deny 403', [{ code: "E0213", line: 1, column: 57 }]);
  });
});
