import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectOne } from "./helpers.js";

describe("statuses (E0408, E0409)", () => {
  it("accepts statuses at the ends of each range, and a redirect without one", () => {
    expectClean(
      'on request_headers { deny 200; deny 599; respond 200; respond 599 "x"; redirect 300 "/a"; redirect 399 "/b"; redirect "/c" }',
    );
  });

  it("refuses a quoted status", () => {
    const d = expectOne('on request_headers deny "403"', "E0408", 1, 25);
    expect(d.message).toBe('the status of `deny` must be an integer literal, but `"403"` is not one');
    expect(d.hint).toBe("write the number without quotes, e.g. `403`");
  });

  it("refuses a param status, for now", () => {
    const d = expectOne("param s = 403\non request_headers deny s", "E0408", 2, 25);
    expect(d.hint).toBe("params cannot set a status yet: write the number, e.g. `403`");
  });

  it("says nothing more about a status whose name is unknown", () => {
    const { diagnostics } = checkText("on request_headers deny nope");
    expect(diagnostics.map((d) => d.code)).toEqual(["E0202"]);
  });

  it.each([
    ['on request_headers deny 199', 25, "`deny` status 199 is out of range: it must be between 200 and 599"],
    ['on request_headers respond 600', 28, "`respond` status 600 is out of range: it must be between 200 and 599"],
    ['on request_headers redirect 200 "/new"', 29, "`redirect` status 200 is out of range: it must be between 300 and 399"],
    ['on request_headers redirect 400 "/new"', 29, "`redirect` status 400 is out of range: it must be between 300 and 399"],
  ])("refuses out-of-range statuses: %s", (text, column, message) => {
    expect(expectOne(text, "E0409", 1, column).message).toBe(message);
  });
});

describe("log levels (E0410)", () => {
  it("accepts every level", () => {
    expectClean('on request_headers { log trace "a"; log debug "b"; log info "c"; log warn "d"; log error "e"; log critical "f" }');
  });

  it("points `warning` to `warn`", () => {
    const d = expectOne('on request_headers log warning "x"', "E0410", 1, 24);
    expect(d.message).toBe("unknown log level `warning`");
    expect(d.hint).toBe("write `warn`");
  });

  it("suggests a near level, or lists them", () => {
    expect(expectOne('on request_headers log inof "x"', "E0410", 1, 24).hint).toBe("did you mean `info`?");
    expect(expectOne('on request_headers log loud "x"', "E0410", 1, 24).hint).toBe("the levels are trace, debug, info, warn, error and critical");
  });
});

describe("unreachable actions", () => {
  it("are a lint concern: no diagnostic here", () => {
    expectClean('on request_headers { deny 403; set "x-a" = "1"; stop; log info "never" }');
  });
});

describe("query parameter names and values (E0411, E0225, E0406, E0214)", () => {
  it("refuses an empty name, for both actions", () => {
    const set = expectOne('on request_headers set query "" = "1"', "E0411", 1, 30);
    expect(set.message).toBe("`set query` needs a parameter name, but this one is empty");
    expect(set.hint).toBe('write the name of the parameter, e.g. `set query "page" = "1"`');
    expect(expectOne('on request_headers remove query ""', "E0411", 1, 33).hint).toBe('write the name of the parameter, e.g. `remove query "page"`');
  });

  it("accepts CR, LF and NUL in a constant value: it is percent-encoded", () => {
    expectClean(String.raw`on request_headers set query "k" = "a\r\nb\u{0}"`);
  });

  it("accepts any scalar value: params, ints, bools, templates, fields", () => {
    expectClean('param v = "1"\non request_headers { set query "a" = v; set query "b" = 2; set query "c" = true; set query "d" = "${request.method}"; set query "e" = request.header["x"] }');
  });

  it("refuses a list as the value", () => {
    expectOne('on request_headers set query "k" = ["a"]', "E0225", 1, 36);
    const d = expectOne('param l = ["a"]\non request_headers set query "k" = l', "E0406", 2, 36);
    expect(d.message).toContain("a query parameter value");
  });

  it("checks the fields of the value", () => {
    expectOne('on request_headers set query "k" = response.header["server"]', "E0214", 1, 36);
  });
});
