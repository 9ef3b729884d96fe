/**
 * The reference interpreter on `for host`, `for host suffix` and `for path prefix` (docs/language.md, "Scoping
 * rules to hosts and paths"), with outcomes written from the docs; and the differential generator's use of them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { programArbitrary, programText } from "./generator.js";
import { interpret } from "./interpreter.js";
import { exchangeOf, type Header } from "./model.js";

const value = (headers: readonly Header[] | undefined, name: string) => headers?.find(([k]) => k === name)?.[1];

const PROGRAM = `
for host "api.example.com" {
  rule "api" on request_headers when request.method == "POST" set "x-api" = "post" else set "x-api" = "other"
  for path prefix "/admin/" {
    on request_headers deny 403
  }
  on response_headers set "x-api-resp" = "1"
}
for host suffix ".example.com" {
  on request_headers set "x-zone" = "1"
}
on request_headers rewrite prefix "/old/" to "/admin/"
for path prefix "/admin/" {
  on request_headers set "x-admin-after-rewrite" = "1"
}
`;

const run = (authority: string, path = "/", method = "GET") => interpret(PROGRAM, exchangeOf({ request: { authority, path, method } }));

describe("scopes in the reference interpreter", () => {
  it("match the hostname exactly, without port, in lower case; else branches stay inside", () => {
    expect(value(run("API.example.com:443", "/", "POST").upstream, "x-api")).toBe("post");
    expect(value(run("api.example.com").upstream, "x-api")).toBe("other");
    expect(value(run("www.api.example.com").upstream, "x-api")).toBeUndefined();
    expect(value(run("api.example.com").response, "x-api-resp")).toBe("1");
    expect(value(run("example.org").response, "x-api-resp")).toBeUndefined();
  });

  it("match a suffix at a label boundary, not the bare domain", () => {
    expect(value(run("a.example.com").upstream, "x-zone")).toBe("1");
    expect(value(run("badexample.com").upstream, "x-zone")).toBeUndefined();
    expect(value(run("example.com").upstream, "x-zone")).toBeUndefined();
  });

  it("nest, and compare path prefixes with the path before its query, as earlier rules left it", () => {
    expect(run("api.example.com", "/admin/x?y=1").local?.status).toBe(403);
    expect(run("other.example.com", "/admin/x").local).toBeUndefined();
    expect(value(run("h", "/old/x").upstream, "x-admin-after-rewrite")).toBe("1");
    expect(value(run("h", "/x?/admin/").upstream, "x-admin-after-rewrite")).toBeUndefined();
  });
});

describe("the differential generator", () => {
  it("puts rules in host and path scopes, nested, in programs that check cleanly", () => {
    const programs = fc.sample(programArbitrary(), { numRuns: 20, seed: 7 });
    const texts = programs.map((p) => programText(p, 0));
    expect(texts.some((t) => t.includes("for host "))).toBe(true);
    expect(texts.some((t) => t.includes("for path prefix"))).toBe(true);
    expect(texts.some((t) => /for host[^\n]*\{\nfor path prefix/.test(t) || /for path prefix[^\n]*\{\nfor host/.test(t))).toBe(true);
    // interpret() throws on a program with errors.
    for (const text of texts) expect(() => interpret(text, exchangeOf())).not.toThrow();
  });
});
