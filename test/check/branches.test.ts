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

describe("on local_reply", () => {
  it("accepts header actions, logs, stop and conditions over request fields", () => {
    expectClean('on local_reply when exists(request.header["origin"]) { set "access-control-allow-origin" = request.header["origin"]; add "vary" = "origin"; remove "server"; log info "reply"; stop } else set_default "x-a" = "1"');
  });

  it("refuses a local reply sent from it (E0242), in any branch", () => {
    const d = expectOne('on local_reply when request.path == "/" set "a" = "1" else deny 403', "E0242", 1, 60);
    expect(d.message).toBe("`deny` cannot be used in `on local_reply`: its rules run while the filter is already sending a local reply");
    expectOne('on local_reply respond 200 "x"', "E0242", 1, 16);
    expectOne('on local_reply redirect "/x"', "E0242", 1, 16);
  });

  it("refuses response fields (E0214) and request rewrites (E0215)", () => {
    expectOne('on local_reply when response.status == 403 set "a" = "b"', "E0214", 1, 21);
    expectOne('on local_reply rewrite path "/x"', "E0215", 1, 16);
  });

  it("suggests it for a misspelt phase (E0201)", () => {
    const d = expectOne('on local_replies set "a" = "b"', "E0201", 1, 4);
    expect(d.hint).toBe("did you mean `local_reply`?");
  });
});
