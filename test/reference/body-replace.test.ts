import { describe, expect, it } from "vitest";
import { readExample } from "../support/compile.js";
import { interpret } from "./interpreter.js";
import { exchangeOf } from "./model.js";

/** The reference interpreter's `replace` (docs/language.md, "Replacing in a body"), against the documented examples. */
describe("replace in the reference interpreter", () => {
  const response = (program: string, body: string) => interpret(program, exchangeOf({ response: { status: 200, headers: [["content-length", String(body.length)]], body } }));

  it("replaces as the documentation's examples say, and removes content-length", () => {
    const outcome = response('on response_body replace matches "a+|ab+c" with "X"', "aaabbbc");
    expect(outcome.responseBody).toBe("Xbbbc");
    expect(outcome.response).toEqual([[":status", "200"]]);
    expect(response('on response_body replace "aa" with "X"', "aaaaa").responseBody).toBe("XXa");
    expect(response('on response_body replace matches "x*" with "-"', "abc").responseBody).toBe("-a-b-c-");
    expect(response('on response_body replace matches "a*" with "-"', "aaa").responseBody).toBe("--");
  });

  it("reports no body when nothing changed, and keeps content-length without a replace", () => {
    expect(response('on response_body replace "z" with "-"', "abc").responseBody).toBeUndefined();
    expect(response('on response_body log info "x"', "abc").response).toEqual([[":status", "200"], ["content-length", "3"]]);
  });

  it("runs examples/card-redaction.fw: the later rule reads the masked body", () => {
    const outcome = response(readExample("card-redaction.fw"), "card 4111-1111-1111-1111, order 123456789012");
    expect(outcome.responseBody).toBe("card [card number removed], order 123456789012");
    expect(outcome.logs).toEqual([{ level: "warn", message: "masked a card number in the response to /" }]);
  });

  it("changes the request body the upstream receives, and nothing in a shadow rule", () => {
    const post = (program: string) => interpret(program, exchangeOf({ request: { method: "POST", path: "/", headers: [["content-length", "5"]], body: "a=b&c" } }));
    const changed = post('on request_body replace "=" with ":"');
    expect(changed.upstreamBody).toBe("a:b&c");
    expect(changed.upstream?.some(([name]) => name === "content-length")).toBe(false);
    const shadow = post('rule "r" shadow on request_body replace "=" with ":"');
    expect(shadow.upstreamBody).toBeUndefined();
    expect(shadow.logs).toEqual([{ level: "info", message: 'shadow rule "r": would replace "="' }]);
  });
});
