import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

/** `let NAME = EXPR` (compiler/check/variables.ts): order, types and names. */
describe("variables", () => {
  it("are read by name after their let, in later rules and later phases, whatever the file order", () => {
    const result = expectClean(`
      on response_headers set "x-t" = tenant
      on request_headers let tenant = request.header["x-tenant"]
      on request_headers { let n = 1; set "x-n" = n + 1 }
      on request_headers when exists(tenant) and n > 0 let n = n + 1
      on local_reply set "x-t" = tenant
    `);
    expect(result.checked.variables.map((v) => [v.name, v.type])).toEqual([
      ["tenant", "string"],
      ["n", "int"],
    ]);
  });

  it("set in a body phase or response_headers, are read in that phase only: only request_headers values are kept", () => {
    const body = expectOne('on request_body let n = size(request.body)\non response_headers set "x-n" = "${n}"', "E0275", 2, 36);
    expect(body.hint).toContain("only what `request_headers` rules set is kept for later phases");
    expectOne('on response_headers let s = response.status\non response_body log info "${s}"', "E0275", 2, 30);
    expectClean('on request_body { let n = size(request.body); log info "${n}" }\non request_body log info "${n}"');
  });

  it("take their value's type: string, int, bool, and the address of an address", () => {
    const { checked } = expectClean('on request_headers { let a = "x"; let b = 1; let c = request.path == "/"; let d = source.address; let e = "${d}"; log info "${a}${b}${c}${e}" }');
    expect(checked.variables.map((v) => [v.name, v.type, v.address])).toEqual([
      ["a", "string", false],
      ["b", "int", false],
      ["c", "bool", false],
      ["d", "string", true],
      ["e", "string", false],
    ]);
  });

  it("type-check their reads with that type", () => {
    expectOne('on request_headers let n = 1\non request_headers when n == "1" deny 403', "E0217", 2, 25);
  });

  it("refuse a read before any let can have run (E0275), naming where it is set", () => {
    const d = expectOne('on request_headers set "x" = later\non request_headers let later = "a"', "E0275", 1, 30);
    expect(d.related?.map((r) => r.message)).toEqual(["`later` is set here"]);
    expect(d.hint).toContain("rule further down");
  });

  it("refuse a read in a phase before the one that sets it (E0275)", () => {
    const d = expectOne('on request_headers set "x" = status_class\non response_headers let status_class = response.status / 100', "E0275", 1, 30);
    expect(d.hint).toContain("`response_headers`, which runs after `request_headers`");
  });

  it("refuse a read in the rule's own condition or in another branch (E0275)", () => {
    expectDiagnostics('on request_headers when flag let flag = true\non request_headers when true { let q = 1 } else { set "x" = "${q}" }', [
      { code: "E0275", line: 1, column: 25 },
      { code: "E0275", line: 2, column: 64 },
    ]);
    expect(checkText('on request_headers when flag let flag = true').diagnostics[0]!.hint).toContain("after its condition");
  });

  it("refuse what a local_reply rule sets anywhere but in later local_reply rules", () => {
    expectDiagnostics('on local_reply let r = "1"\non local_reply set "x-r" = r\non response_headers set "x" = r', [{ code: "E0275", line: 3, column: 31 }]);
  });

  it("refuse a second type (E0276), naming the first let", () => {
    const d = expectOne('on request_headers let tier = "gold"\non request_headers when request.path == "/" let tier = 0\non request_headers log info "${tier}"', "E0276", 2, 56);
    expect(d.message).toBe("variable `tier` is set to an int here but to a string before");
    expect(d.related?.[0]?.message).toBe("`tier` is set to a string here");
  });

  it("refuse a param's name (E0277), naming both places, and names the language uses", () => {
    const d = expectOne('param tenant = "x"\non request_headers let tenant = "y"\non request_headers log info tenant', "E0277", 2, 24);
    expect(d.related?.[0]?.message).toBe("param `tenant` is declared here");
    expectDiagnostics('on request_headers { let request = "y"; let lower = "y"; let match = "m" }', [
      { code: "E0277", line: 1, column: 26 },
      { code: "E0277", line: 1, column: 45 },
      { code: "E0277", line: 1, column: 62 },
    ]);
  });

  it("refuse a list (E0278)", () => {
    expectDiagnostics('param admins = ["a"]\non request_headers let who = admins', [
      { code: "W0420", line: 2, column: 24 },
      { code: "E0278", line: 2, column: 30 },
    ]);
  });

  it("are suggested for a misspelt name, and `let` is a keyword", () => {
    const d = expectDiagnostics('on request_headers let tenant = "a"\non request_headers set "x" = tenent', [
      { code: "W0420", line: 1, column: 24 },
      { code: "E0202", line: 2, column: 30 },
    ])[1]!;
    expect(d.hint).toBe("did you mean `tenant`?");
  });

  it("warn when never read (W0420), at each let", () => {
    expectDiagnostics('on request_headers let unused = 1\non response_headers let unused = 2', [
      { code: "W0420", line: 1, column: 24 },
      { code: "W0420", line: 2, column: 25 },
    ]);
  });

  it("take no key (E0205)", () => {
    expect(expectOne('on request_headers let t = "a"\non request_headers set "x" = t["k"]', "E0205", 2, 31).message).toBe("variable `t` takes no key");
  });

  it("are exists()-able, unlike params", () => {
    expectClean('on request_headers let t = request.header["x"]\non request_headers when exists(t) set "y" = t');
  });
});
