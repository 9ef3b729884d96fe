import { describe, expect, it } from "vitest";
import { expectClean, expectOne } from "./helpers.js";

describe("shadow rules", () => {
  it("are accepted in the phases whose rules act on traffic, with else too", () => {
    const { checked } = expectClean('rule "a" shadow on request_headers deny 403\nrule "b" shadow on response_headers when response.status == 500 set "x" = "1" else remove "x"');
    expect(checked.rules.map((r) => [r.name, r.rule.shadow !== undefined])).toEqual([["a", true], ["b", true]]);
  });

  it("are refused `on local_reply` (E0285), at the keyword, saying why", () => {
    const d = expectOne('rule "cors" shadow on local_reply set "access-control-allow-origin" = "*"', "E0285", 1, 13);
    expect(d.message).toBe("a rule `on local_reply` cannot be shadowed: it runs on the filter's own local replies, which a shadowed rule does not send");
    expect(d.hint).toContain("shadow the rule that sends the reply");
  });
});
