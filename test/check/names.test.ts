import { describe, expect, it } from "vitest";
import { expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("phases (E0201)", () => {
  it("accepts both phases", () => {
    expectClean('on request_headers set "x-a" = "1"\non response_headers set "x-b" = "2"');
  });

  it("reports an unknown phase with a suggestion", () => {
    const d = expectOne('on response_header set "x-a" = "1"', "E0201", 1, 4);
    expect(d.message).toBe("unknown phase `response_header`");
    expect(d.hint).toBe("did you mean `response_headers`?");
    expect(d.span).toEqual({ start: 3, end: 18 });
  });

  it("suggests the full phase for a bare `request` or `response`", () => {
    expect(expectOne('on response set "x-a" = "1"', "E0201", 1, 4).hint).toBe("did you mean `response_headers`?");
  });

  it("lists the phases when nothing is close", () => {
    expect(expectOne('on body set "x-a" = "1"', "E0201", 1, 4).hint).toBe("the phases are `request_headers`, `request_body`, `response_headers`, `response_body` and `local_reply`");
  });
});

describe("params in expressions (E0202)", () => {
  it("resolves a param declared after its use", () => {
    expectClean('on request_headers when strict deny 403\nparam strict = true');
  });

  it("reports an unknown name with a suggestion over params", () => {
    const d = expectOne('param strict = true\non request_headers when strcit deny 403', "E0202", 2, 25);
    expect(d.message).toBe("unknown name `strcit`: no param with this name is declared");
    expect(d.hint).toBe("did you mean `strict`?");
  });

  it("explains a field root written alone", () => {
    const d = expectOne('on request_headers when request == "x" deny 403', "E0202", 1, 25);
    expect(d.hint).toContain("`request` alone is not a field; its fields are `request.method`, `request.path`");
  });
});

describe("fields (E0203)", () => {
  it("reports an unknown field with a suggestion over fields", () => {
    const d = expectOne('on request_headers when request.pth == "/" deny 404', "E0203", 1, 25);
    expect(d.message).toBe("unknown field `request.pth`");
    expect(d.hint).toBe("did you mean `request.path`?");
  });

  it("knows the names other proxies use", () => {
    expect(expectOne('on request_headers when request.url == "/" deny 404', "E0203", 1, 25).hint).toBe("did you mean `request.path`?");
    expect(expectOne('on request_headers when client.ip == "::1" deny 403', "E0203", 1, 25).hint).toBe("did you mean `source.address`?");
  });

  it("measures typos on the last segment, not the shared root", () => {
    expect(expectOne('on request_headers when request.xyz == "/" deny 404', "E0203", 1, 25).hint).toBeUndefined();
    expect(expectOne('on request_headers when reqeust.path == "/" deny 404', "E0203", 1, 25).hint).toBe("did you mean `request.path`?");
  });

  it("points at the name, not the key", () => {
    const d = expectOne('on request_headers when request.headers["x-a"] == "1" deny 400', "E0203", 1, 25);
    expect(d.span).toEqual({ start: 24, end: 39 });
    expect(d.hint).toBe("did you mean `request.header`?");
  });
});

describe("keys (E0204, E0205, E0206)", () => {
  it("accepts keys on keyed fields", () => {
    expectClean(
      'on request_headers when request.header["x-a"] == "1" and request.query["page"] == "2" and request.cookie["Session-ID"] == "3" deny 400',
    );
  });

  it("requires a key on a keyed field", () => {
    const d = expectOne('on request_headers when request.header == "1" deny 400', "E0204", 1, 25);
    expect(d.message).toBe("`request.header` needs a key saying which one to read");
    expect(d.hint).toBe('write `request.header["x-request-id"]`');
  });

  it("refuses a key on an unkeyed field or a param", () => {
    expectDiagnostics('param p = "a"\non request_headers when request.path["a"] == p or p["b"] == "c" deny 400', [
      { code: "E0205", line: 2, column: 37 },
      { code: "E0205", line: 2, column: 52 },
    ]);
  });

  it("requires a constant key", () => {
    const d = expectOne('param name = "x-a"\non request_headers when request.header[name] == "1" deny 400', "E0206", 2, 40);
    expect(d.message).toBe("the key of `request.header` must be a string literal");
  });

  it("refuses an interpolated key", () => {
    expectOne('on request_headers when request.header["x-${request.method}"] == "1" deny 400', "E0206", 1, 40);
  });

  it("refuses an empty query or cookie key", () => {
    expectDiagnostics('on request_headers when request.query[""] == "1" or request.cookie[""] == "1" deny 400', [
      { code: "E0206", line: 1, column: 39 },
      { code: "E0206", line: 1, column: 68 },
    ]);
  });

  it("validates header keys like header names", () => {
    expectDiagnostics('on response_headers when response.header["Content-Type"] == "a" or request.header["x a"] == "b" deny 500', [
      { code: "E0402", line: 1, column: 42 },
      { code: "E0401", line: 1, column: 83 },
    ]);
  });
});

describe("functions (E0207, E0208, E0209)", () => {
  it("accepts exists and lower", () => {
    expectClean('on request_headers when exists(request.header["x-a"]) and lower(request.path) == "/a" deny 400');
  });

  it("reports an unknown function with a suggestion", () => {
    const d = expectOne('on request_headers when lowr(request.path) == "/a" deny 400', "E0207", 1, 25);
    expect(d.hint).toBe("did you mean `lower`?");
    const hint = expectOne('on request_headers when shout(request.path) == "/A" deny 400', "E0207", 1, 25).hint;
    expect(hint).toMatch(/^the functions are /);
    expect(hint).toContain("`exists(field)`");
    expect(hint).toContain("`lower(text)`");
  });

  it("counts arguments", () => {
    const d = expectOne('on request_headers when exists(request.header["a"], request.header["b"]) deny 400', "E0208", 1, 25);
    expect(d.message).toBe("`exists` takes 1 argument, but 2 were given");
    expect(d.hint).toBe("call `exists` once per value and combine the results, e.g. with `and`");
    expect(expectOne('on request_headers when lower() == "a" deny 400', "E0208", 1, 25).message).toBe(
      "`lower` takes 1 argument, but none was given",
    );
  });

  it("requires a field in exists", () => {
    expectDiagnostics('param p = "a"\non request_headers when exists(p) or exists(lower(request.path)) deny 400', [
      { code: "E0209", line: 2, column: 32 },
      { code: "E0209", line: 2, column: 45 },
    ]);
  });
});
