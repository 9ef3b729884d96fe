import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectOne } from "./helpers.js";

describe("fields by phase (E0214)", () => {
  it("allows request fields in the response phase (the filter captures them)", () => {
    expectClean('on response_headers when request.path == "/" and request.header["x-a"] == "1" and response.status == 200 set "x-b" = "1"');
  });

  it("refuses response fields in the request phase, with a hint to move the rule", () => {
    const d = expectOne('on request_headers when response.status == 503 set "retry-after" = "5"', "E0214", 1, 25);
    expect(d.message).toBe("`response.status` cannot be read in `on request_headers`");
    expect(d.hint).toBe("response fields exist only once the upstream has answered: move this rule to `on response_headers`");
  });

  it("checks fields inside actions too", () => {
    expectOne('on request_headers set "x-a" = "${response.header["server"]}"', "E0214", 1, 35);
  });
});

describe("actions by phase (E0215)", () => {
  it("allows rewrites in the request phase", () => {
    expectClean('on request_headers { rewrite path "/new"; rewrite prefix "/v1/" to "/" }');
  });

  it("refuses rewrites in the response phase", () => {
    const d = expectOne('on response_headers rewrite prefix "/v1/" to "/"', "E0215", 1, 21);
    expect(d.message).toBe("`rewrite prefix` cannot be used in `on response_headers`");
    expectOne('on response_headers rewrite path "/x"', "E0215", 1, 21);
  });
});

describe("query edits by phase (E0215)", () => {
  it("allows them in the request phase", () => {
    expectClean('on request_headers { set query "page" = "2"; remove query "utm_source" }');
  });

  it("refuses them in the response phase", () => {
    const set = expectOne('on response_headers set query "page" = "2"', "E0215", 1, 21);
    expect(set.message).toBe("`set query` cannot be used in `on response_headers`");
    expect(set.hint).toBe("the request has already gone upstream by then: move this action to a rule `on request_headers`");
    expect(expectOne('on response_headers remove query "page"', "E0215", 1, 21).message).toBe("`remove query` cannot be used in `on response_headers`");
  });
});

describe("rules with an unknown phase", () => {
  it("still get a RuleInfo with the nearest phase, and skip phase-dependent checks", () => {
    const { checked, diagnostics } = checkText('on response_header when response.status == 500 rewrite path "/x"');
    expect(diagnostics.map((d) => d.code)).toEqual(["E0201"]);
    expect(checked.rules.map((r) => r.phase)).toEqual(["response_headers"]);
  });

  it("keep their other checks", () => {
    const { diagnostics } = checkText('on nowhere when request.pth == "/" deny 99');
    expect(diagnostics.map((d) => d.code)).toEqual(["E0201", "E0203", "E0409"]);
  });
});
