import { describe, expect, it } from "vitest";
import { expectClean, expectOne } from "./helpers.js";

describe("replace", () => {
  it("is accepted in both body phases, in shadow rules and with any scalar value", () => {
    expectClean('on request_body replace "a" with "${request.path}-${size(request.body)}"\non response_body replace matches "x*" with 42\nrule "r" shadow on response_body replace "a" with ""');
  });

  it("is refused outside a body phase (E0272), saying why", () => {
    const d = expectOne('on response_headers replace "a" with "b"', "E0272", 1, 21);
    expect(d.message).toBe("`replace` cannot be used in `on response_headers`: it changes a body, and only a body phase holds one");
    expect(d.hint).toContain("`set` with the `replace(...)` function");
    expectOne('on local_reply replace "a" with "b"', "E0272", 1, 16);
  });

  it("refuses an empty text (E0273) but not an empty pattern", () => {
    expectOne('on response_body replace "" with "-"', "E0273", 1, 26);
    expectClean('on response_body replace matches "" with "-"');
  });

  it("reports a bad pattern with the regex compiler's code, and a list value", () => {
    expectOne('on response_body replace matches "(" with "-"', "E0301", 1, 35);
    expectOne('on response_body replace "a" with ["b"]', "E0225", 1, 35);
    // Too large for the group program that finds where matches start and end: the regex compiler's code, no crash.
    const d = expectOne('on response_body replace matches "(a|b){1,200}c" with "x"', "E0318", 1, 34);
    expect(d.message).toContain("too large to replace the matches of");
  });
});
