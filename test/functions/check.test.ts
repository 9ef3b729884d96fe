import { describe, expect, it } from "vitest";
import { expectClean, expectDiagnostics, expectOne } from "../check/helpers.js";

/** What the checker says about calls of the string functions: types, arity, and the searched text (E0260, E0261). */
describe("string function calls", () => {
  it("accepts every function with arguments of its types, nested and interpolated", () => {
    expectClean(`param n = 2
on request_headers when size(request.header["cookie"]) > 8192 deny 431
on request_headers {
  set "a" = upper(trim_prefix(request.path, "/old/"))
  set "b" = "\${trim_suffix(request.host, ":443")}/\${substring(request.path, 1)}"
  set "c" = substring(request.path, n, size(request.host))
  set "d" = split_first(request.host, ":")
  set "e" = split_last(request.path, "/")
  set "f" = replace(request.path, "/", request.header["x-sep"])
  set "g" = url_encode(url_decode(request.header["x-q"]))
  set "h" = trim_prefix(request.path, request.header["x-prefix"])
}`);
  });

  it("types each argument (E0224) and counts them (E0208)", () => {
    const d = expectOne('on request_headers set "a" = substring(request.path, "1")', "E0224", 1, 54);
    expect(d.message).toBe('`substring` takes an int as its `start`, but `"1"` is a string');
    expect(expectOne('on request_headers when size(destination.port) > 1 deny 403', "E0224", 1, 30).message).toContain("`size` takes a string");
    expect(expectOne('on request_headers set "a" = substring(request.path)', "E0208", 1, 30).message).toBe("`substring` takes 2 to 3 arguments, but 1 was given");
    expect(expectOne('on request_headers set "a" = replace(request.path, "a")', "E0208", 1, 30).hint).toBe("write `replace(text, from, to)`");
  });

  it("requires what replace and split_* look for to be a literal (E0260)", () => {
    const d = expectOne('on request_headers set "a" = split_first(request.host, request.header["x-sep"])', "E0260", 1, 56);
    expect(d.message).toBe('the `sep` of `split_first` must be a string literal, not `request.header["x-sep"]`');
    expectOne('param sep = "/"\non request_headers set "a" = replace(request.path, sep, "-")', "E0260", 2, 52);
    expectOne('on request_headers set "a" = split_last(request.path, "${request.host}")', "E0260", 1, 55);
    // A literal in parentheses is still a literal.
    expectClean('on request_headers set "a" = split_last(request.path, ("/"))');
  });

  it("refuses an empty literal to look for (E0261)", () => {
    const d = expectOne('on request_headers set "a" = replace(request.path, "", "/")', "E0261", 1, 52);
    expect(d.message).toContain("the `from` of `replace` is empty");
    expectOne('on request_headers set "a" = split_first(request.path, "")', "E0261", 1, 56);
  });

  it("reports a wrong type once, not also as a missing literal", () => {
    expectDiagnostics('on request_headers set "a" = split_first(request.host, 1)', [{ code: "E0224", line: 1, column: 56 }]);
  });

  it("reserves the functions' names for params (E0211)", () => {
    expectOne('param size = 3\non request_headers when request.path == "/" deny 403', "E0211", 1, 7);
  });
});
