import { describe, expect, it } from "vitest";
import { expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("else branches", () => {
  it("accepts else when and a final else after a rule with when", () => {
    expectClean('on request_headers when request.path == "/a" deny 403 else when request.path == "/b" { set "x" = "b" } else set "x" = "c"');
  });

  it("refuses else on a rule without when (E0240), pointing at the else", () => {
    const d = expectOne('on request_headers set "a" = "1" else set "a" = "2"', "E0240", 1, 34);
    expect(d.message).toContain("without one the rule always runs");
    expect(d.hint).toContain("add a condition to the rule");
  });

  it("refuses a branch after a plain else (E0241)", () => {
    const d = expectOne('on request_headers when request.path == "/" deny 403 else deny 404 else when request.path == "/x" deny 401', "E0241", 1, 68);
    expect(d.hint).toContain("only the last branch may be a plain `else`");
  });

  it("type-checks each branch's condition", () => {
    expectOne('on request_headers when request.path == "/" deny 403 else when request.path deny 404', "E0216", 1, 64);
  });

  it("applies the rule's phase to every branch: fields and actions", () => {
    expectDiagnostics('on request_headers when request.path == "/" deny 403 else when response.status == 200 deny 404\non response_headers when response.status == 200 deny 403 else rewrite path "/x"', [
      { code: "E0214", line: 1, column: 64 },
      { code: "E0215", line: 2, column: 63 },
    ]);
  });

  it("checks the actions of every branch", () => {
    expectOne('on request_headers when request.path == "/" set "x" = "1" else deny 99', "E0409", 1, 69);
  });
});
