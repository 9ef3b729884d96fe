import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("conditions (E0216)", () => {
  it("accepts comparisons, bool fields, bool params and exists", () => {
    expectClean('param strict = true\non request_headers when strict or connection.mtls or exists(request.header["x-a"]) deny 403');
  });

  it("refuses a string condition and suggests exists or a comparison", () => {
    const d = expectOne('on request_headers when request.header["x-debug"] set "x-trace" = "1"', "E0216", 1, 25);
    expect(d.message).toBe('a condition must be true or false, but `request.header["x-debug"]` is a string');
    expect(d.hint).toBe('write a condition, e.g. `exists(request.header["x-debug"])` or `request.header["x-debug"] == "..."`');
  });

  it("refuses int and list conditions", () => {
    expect(expectOne("on response_headers when response.status deny 500", "E0216", 1, 26).hint).toBe(
      "write a condition, e.g. `response.status == 200`",
    );
    expect(expectOne('param l = ["a"]\non request_headers when l deny 403', "E0216", 2, 25).hint).toBe(
      'test membership with `in`, e.g. `request.method in ["GET"]`',
    );
  });
});

describe("== and != (E0217)", () => {
  it("accepts same-type scalars", () => {
    expectClean('on response_headers when response.status == 500 and request.path != "/" and connection.mtls == true deny 500');
  });

  it("refuses a quoted number facing an int, with a hint to drop the quotes", () => {
    const d = expectOne('on response_headers when response.status == "500" deny 500', "E0217", 1, 26);
    expect(d.message).toBe('cannot compare `response.status` (an int) with `"500"` (a string)');
    expect(d.hint).toBe("write 500 without quotes");
  });

  it("hints quotes for a number facing a string, and unquoting for a quoted bool", () => {
    expect(expectOne('on request_headers when request.header["x-n"] != 1 deny 400', "E0217", 1, 25).hint).toBe(
      'text is compared with text: write "1" in quotes',
    );
    expect(expectOne('on request_headers when connection.mtls == "true" deny 400', "E0217", 1, 25).hint).toBe(
      "write true without quotes",
    );
  });

  it("refuses comparing lists", () => {
    const d = expectOne('param l = ["a"]\non request_headers when request.path == l deny 400', "E0217", 2, 25);
    expect(d.hint).toBe("test membership with `in` instead");
  });
});

describe("< <= > >= (E0218)", () => {
  it("accepts ints", () => {
    expectClean("on response_headers when response.status >= 500 and destination.port < 1024 deny 500");
  });

  it("refuses each non-int operand", () => {
    const [d] = expectDiagnostics('on request_headers when request.header["content-length"] > "1000" deny 413', [
      { code: "E0218", line: 1, column: 25 },
      { code: "E0218", line: 1, column: 60 },
    ]);
    expect(d!.message).toBe('`>` compares integers, but `request.header["content-length"]` is a string');
  });
});

describe("contains, starts_with, ends_with, matches subject (E0219)", () => {
  it("accepts strings", () => {
    expectClean('on request_headers when request.path contains "a" or request.path starts_with "/b" or request.host ends_with ".c" deny 403');
  });

  it("refuses non-strings on either side", () => {
    const diagnostics = expectDiagnostics('on response_headers when response.status starts_with "5" or request.path ends_with 1 or response.status matches "5" deny 500', [
      { code: "E0219", line: 1, column: 26 },
      { code: "E0219", line: 1, column: 84 },
      { code: "E0219", line: 1, column: 89 },
    ]);
    expect(diagnostics[0]!.message).toBe("`starts_with` works on strings, but `response.status` is an int");
    expect(diagnostics[0]!.hint).toBe("compare numbers with `==`, `<` or `>`");
  });
});

describe("in (E0221, E0222)", () => {
  it("accepts a string in a list literal or a list param", () => {
    expectClean('param methods = ["GET"]\non request_headers when request.method in ["GET", "HEAD"] or request.method in methods deny 405');
  });

  it("refuses a non-string on the left", () => {
    const d = expectOne('on request_headers when destination.port in ["8080"] deny 403', "E0221", 1, 25);
    expect(d.message).toBe("`in` tests whether a string is in a list, but `destination.port` is an int");
  });

  it("refuses a non-list on the right", () => {
    const [d] = expectDiagnostics('param m = "GET"\non request_headers when request.method in m or request.method in "GET" deny 405', [
      { code: "E0222", line: 2, column: 43 },
      { code: "E0222", line: 2, column: 66 },
    ]);
    expect(d!.message).toBe("the right side of `in` must be a list, but `m` is not one");
  });

  it("refuses list items that are not strings (E0213)", () => {
    expectOne('on request_headers when request.method in ["GET", 1] deny 405', "E0213", 1, 51);
  });
});

describe("and, or, not (E0223)", () => {
  it("refuses non-bool operands", () => {
    const diagnostics = expectDiagnostics('on request_headers when request.header["x-a"] and not request.path deny 400', [
      { code: "E0223", line: 1, column: 25 },
      { code: "E0223", line: 1, column: 55 },
    ]);
    expect(diagnostics[1]!.message).toBe("`not` combines conditions, but `request.path` is a string");
    expect(diagnostics[0]!.hint).toBe('write a condition, e.g. `exists(request.header["x-a"])` or `request.header["x-a"] == "..."`');
  });
});

describe("lower (E0224)", () => {
  it("refuses a non-string argument", () => {
    expectOne('on response_headers when lower(response.status) == "200" deny 500', "E0224", 1, 32);
  });

  it("returns a string", () => {
    const { checked } = expectClean('on request_headers when lower(request.path) == "/a" deny 403');
    const rule = checked.rules[0]!.rule;
    const condition = rule.condition!;
    expect(condition.kind === "Binary" && checked.types.get(condition.left)).toBe("string");
  });
});

describe("list literals out of place (E0225)", () => {
  it("refuses lists in comparisons and values", () => {
    expectDiagnostics('on request_headers when ["a"] == request.path set "vary" = ["origin", "accept"]', [
      { code: "E0225", line: 1, column: 25 },
      { code: "E0225", line: 1, column: 60 },
    ]);
  });
});

describe("interpolation (E0226)", () => {
  it("accepts fields, params, calls and literals of any scalar type", () => {
    expectClean('param n = 3\non response_headers set "x-a" = "${request.path} ${response.status} ${connection.mtls} ${n} ${lower(request.host)}"');
  });

  it("refuses conditions with operators and lists", () => {
    const diagnostics = expectDiagnostics('param l = ["a"]\non request_headers set "x-a" = "${request.path == "/"}${l}${not connection.mtls}"', [
      { code: "E0226", line: 2, column: 35 },
      { code: "E0226", line: 2, column: 57 },
      { code: "E0226", line: 2, column: 61 },
    ]);
    expect(diagnostics[0]!.message).toBe('cannot interpolate `request.path == "/"`: `${...}` takes a value, not a condition');
    expect(diagnostics[1]!.message).toBe("cannot interpolate `l`: it is a list");
  });
});

describe("types map", () => {
  it("records the type of every typed expression", () => {
    const { checked } = checkText('param l = ["a"]\non request_headers when (request.method in l) and not connection.mtls deny 403 "${request.path}"');
    const types = [...checked.types.values()];
    expect(types.filter((t) => t === "bool").length).toBeGreaterThanOrEqual(5);
    expect(types).toContain("list");
    expect(types).toContain("int");
  });
});
