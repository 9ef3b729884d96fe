import { describe, expect, it } from "vitest";
import { hostFor, text } from "../support/compile.js";

/** Variables across callbacks: set with the request headers, read with the request's and the response's bodies: set with the headers, read with the body (docs/language.md "Variables"). */

const PROGRAM = `
rule "tenant" on request_headers when exists(request.header["x-tenant"]) let tenant = request.header["x-tenant"]
on request_body when tenant == "blocked" and request.body contains "x" deny 403 "blocked \${tenant}"
on request_body when exists(tenant) log info "body of \${size(request.body)} bytes for \${tenant}"
on response_body when exists(tenant) log info "response body for \${tenant}"
`;

describe("variables in body phases", () => {
  it("a variable set in request_headers is read in request_body and response_body", async () => {
    const host = await hostFor(PROGRAM);
    const denied = host.runStream({ request: { path: "/", method: "POST", headers: { "x-tenant": "blocked" }, body: "xyz" } });
    expect(denied.response.status).toBe(403);
    expect(text(denied.response.body)).toBe("blocked blocked");
    expect(denied.upstreamRequest).toBeUndefined();
    const passed = host.runStream({ request: { path: "/", method: "POST", headers: { "x-tenant": "acme" }, body: "abc" }, response: { status: 200, body: "ok" } });
    expect(passed.response.status).toBe(200);
    expect(text(passed.upstreamRequest!.body)).toBe("abc");
    const messages = passed.logs.map((l) => l.message);
    expect(messages).toContain("body of 3 bytes for acme");
    expect(messages).toContain("response body for acme");
  });
});

