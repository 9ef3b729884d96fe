import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { programRules } from "../../grammar/walk.js";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

/** `for host`, `for host suffix`, `for path prefix` (compiler/check/scopes.ts). */

const wrap = (scope: string, inner = 'on request_headers set "x" = "1"') => `${scope} {\n  ${inner}\n}`;

describe("scope literals", () => {
  it("accepts hostnames, suffixes, IPv6 literals and path prefixes", () => {
    expectClean(wrap('for host "api.example.com"'));
    expectClean(wrap('for host "10.0.0.1"'));
    expectClean(wrap('for host "[2001:db8::1]"'));
    expectClean(wrap('for host suffix ".example.com"'));
    expectClean(wrap('for path prefix "/"'));
    expectClean(wrap('for path prefix "/api/v1/"'));
  });

  it("refuses a host that can never equal request.hostname (E0295) and says what to write", () => {
    expect(expectOne(wrap('for host "API.example.com"'), "E0295", 1, 10).hint).toBe('for host "api.example.com"');
    const port = expectOne(wrap('for host "api.example.com:8443"'), "E0295", 1, 10);
    expect(port.message).toContain("request.hostname has no port");
    expect(port.hint).toContain('for host "api.example.com", and `when request.port == 8443`');
    expect(expectOne(wrap('for host "*.example.com"'), "E0295", 1, 10).hint).toContain('for host suffix ".example.com"');
    expectOne(wrap('for host ""'), "E0295", 1, 10);
    expectOne(wrap('for host "a..b"'), "E0295", 1, 10);
    expectOne(wrap('for host "a b"'), "E0295", 1, 10);
    expect(expectOne(wrap('for host "example.com."'), "E0295", 1, 10).hint).toBe('for host "example.com"');
  });

  it("refuses a suffix without its leading dot (E0296), naming both fixes", () => {
    const d = expectOne(wrap('for host suffix "example.com"'), "E0296", 1, 17);
    expect(d.message).toContain("not `badexample.com`");
    expect(d.hint).toBe('for host suffix ".example.com"; add for host "example.com" for the name itself');
    expect(expectOne(wrap('for host suffix ".Example.com"'), "E0296", 1, 17).hint).toBe('for host suffix ".example.com"');
  });

  it("refuses a path prefix without `/` or with a query (E0297)", () => {
    expect(expectOne(wrap('for path prefix "api/"'), "E0297", 1, 17).hint).toBe('for path prefix "/api/"');
    expect(expectOne(wrap('for path prefix "/api?v=2"'), "E0297", 1, 17).message).toContain("without its query");
  });
});

describe("scope nesting", () => {
  it("refuses a block no request can match inside its enclosing one (E0298)", () => {
    expectOne(wrap('for host "a.example"', wrap('for host "b.example"')), "E0298", 2, 12);
    expectOne(wrap('for host "a.example"', wrap('for host suffix ".other"')), "E0298", 2, 19);
    expectOne(wrap('for host suffix ".a.example"', wrap('for host "b.example"')), "E0298", 2, 12);
    expectOne(wrap('for host suffix ".a.example"', wrap('for host suffix ".b.example"')), "E0298", 2, 19);
    const d = expectOne(wrap('for path prefix "/api/"', wrap('for path prefix "/admin/"')), "E0298", 2, 19);
    expect(d.message).toBe('`for path prefix "/admin/"` can never match inside `for path prefix "/api/"`: no request matches both, so the rules inside never run');
    expect(d.related?.[0]?.message).toBe("the enclosing scope");
  });

  it("warns about a block its enclosing one already implies (W0450)", () => {
    expectOne(wrap('for host "a.example.com"', wrap('for host suffix ".example.com"')), "W0450", 2, 19);
    expectOne(wrap('for host "a.example.com"', wrap('for host "a.example.com"')), "W0450", 2, 12);
    expectOne(wrap('for path prefix "/api/v1/"', wrap('for path prefix "/api/"')), "W0450", 2, 19);
    expectOne(wrap('for host suffix ".example.com"', wrap('for host suffix ".example.com"')), "W0450", 2, 19);
  });

  it("accepts blocks that narrow: a host under a suffix, a longer prefix, a path under a host", () => {
    expectClean(wrap('for host suffix ".example.com"', wrap('for host "a.example.com"')));
    expectClean(wrap('for host suffix ".example.com"', wrap('for host suffix ".eu.example.com"')));
    expectClean(wrap('for path prefix "/api/"', wrap('for path prefix "/api/admin/"')));
    expectClean(wrap('for host "a.example.com"', wrap('for path prefix "/x/"', wrap('for host "a.example.com"'.replace("for host", "for path prefix").replace("a.example.com", "/x/y/")))));
  });
});

describe("rules in scopes", () => {
  it("are checked like any rule, in their own phase", () => {
    expectDiagnostics(wrap('for host "a.example"', 'on request_headers when response.status == 200 deny 403\n  on response_headers rewrite path "/x"'), [
      { code: "E0214", line: 2, column: 27 },
      { code: "E0215", line: 3, column: 23 },
    ]);
  });

  it("run in file order, numbered across blocks, each with its scopes' tests joined to every branch", () => {
    const text = 'on request_headers set "a" = "1"\nfor host "h.example" {\n  rule "b" on request_headers when request.method == "GET" set "b" = "1" else set "b" = "2"\n  for path prefix "/p/" { on response_headers set "c" = "1" }\n}\non request_headers set "d" = "1"';
    const { checked } = checkText(text);
    expect(checked.rules.map((r) => [r.index, r.phase])).toEqual([
      [0, "request_headers"],
      [1, "request_headers"],
      [2, "response_headers"],
      [3, "request_headers"],
    ]);
    const b = checked.rules[1]!.rule;
    expect(b.condition?.kind === "Binary" && b.condition.op).toBe("and");
    // The plain `else` gets the scope's test as its condition, so it cannot run for another host.
    expect(b.elseBranches?.[0]?.condition?.kind).toBe("Binary");
    const c = checked.rules[2]!.rule.condition!;
    expect(c.kind === "Binary" && c.op === "and" && c.left.kind === "Binary" && c.left.op).toBe("==");
    expect(checked.types.get(c)).toBe("bool");
    expect(programRules(parse(new Source("x.fw", text)).program.statements).map((r) => r.scopes.length)).toEqual([0, 1, 2, 0]);
  });

  it("keep match groups of the rule's own matches", () => {
    expectClean(wrap('for host "a.example"', 'on request_headers when request.path matches "^/u/([0-9]+)$" set "x-user" = match[1]'));
  });
});
