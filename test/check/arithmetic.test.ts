import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("arithmetic types", () => {
  it("accepts int fields, int params, literals and nested arithmetic, and types the result as an int", () => {
    const { checked } = expectClean(
      'param n = 3\non response_headers when (response.status - 400) * n % 7 + destination.port / 2 >= 10 set "x-class" = "${response.status / 100}xx"',
    );
    const ints = [...checked.types.entries()].filter(([e]) => e.kind === "Binary" && ["+", "-", "*", "/", "%"].includes(e.op));
    expect(ints.length).toBe(6);
    expect(ints.every(([, type]) => type === "int")).toBe(true);
  });

  it("accepts an arithmetic result as a header value and in `==`", () => {
    expectClean('on response_headers when response.status % 100 == 4 set "x-next" = response.status + 1');
  });

  it("refuses a string operand of `-`, `*`, `/`, `%` (E0230), and hints to drop the quotes of a quoted number", () => {
    const d = expectOne('on response_headers when response.status / "100" == 5 deny 500', "E0230", 1, 44);
    expect(d.message).toBe('`/` computes with integers, but `"100"` is a string');
    expect(d.hint).toBe("write 100 without quotes");
    expectOne('on request_headers when request.path * 2 > 3 deny 400', "E0230", 1, 25);
  });

  it("refuses bool and list operands (E0230)", () => {
    const d = expectOne("on request_headers when connection.mtls - 1 == 0 deny 400", "E0230", 1, 25);
    expect(d.message).toBe("`-` computes with integers, but `connection.mtls` is a bool");
    expectOne('param l = ["a"]\non request_headers when 1 % l == 0 deny 400', "E0230", 2, 29);
  });

  it("refuses `+` on strings with a template in the hint (E0231), once for a whole chain", () => {
    const d = expectOne('on request_headers set "x-route" = request.host + "/" + request.path', "E0231", 1, 36);
    expect(d.message).toBe("`+` adds integers and does not join text");
    expect(d.hint).toBe('join text with a template: "${request.host}/${request.path}"');
    // An int on one side does not make it addition.
    expectOne('on request_headers set "x" = request.path + 1', "E0231", 1, 30);
  });

  it("reports one error per mistake: an arithmetic with a wrong operand is still an int to the comparison", () => {
    expectDiagnostics('on request_headers when "a" * 2 > 1 and request.path - 1 == 5 deny 400', [
      { code: "E0230", line: 1, column: 25 },
      { code: "E0230", line: 1, column: 41 },
    ]);
  });

  it("makes an arithmetic condition an int, not a bool (E0216), and an int is not text for `contains`", () => {
    expect(expectOne("on response_headers when response.status + 1 deny 500", "E0216", 1, 26).message).toBe(
      "a condition must be true or false, but `response.status + 1` is an int",
    );
    expectOne('on response_headers when response.status * 2 contains "1" deny 500', "E0219", 1, 26);
  });

  it("allows arithmetic in `${...}` but still refuses conditions there (E0226)", () => {
    expectClean('on response_headers set "x" = "${response.status * 2 + 1}"');
    expect(checkText('on response_headers set "x" = "${response.status > 2}"').diagnostics.map((d) => d.code)).toEqual(["E0226"]);
  });
});
