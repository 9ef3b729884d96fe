// `filterc test` on rule files with `authorize ... grpc`, run as a process: typed `authz:` answers become the
// CheckResponse of envoy.service.auth.v3.Authorization/Check, and `expect: authz:` checks the CheckRequest the
// filter encoded, decoded by filterc test's own reader.

import { describe, expect, it } from "vitest";
import { expectAllPassed, testRules } from "./rule-cases-cli.js";

const RULES = `rule "auth" on request_headers when request.path starts_with "/api" authorize with "ext-authz" grpc timeout 50ms
rule "lenient" on request_headers when request.path starts_with "/open" authorize with "ext-authz" grpc on failure allow send headers ["authorization"]
`;

const CASES = `authz: { allow: true, headers: { x-user-id: alice }, append_headers: { x-group: staff }, remove_headers: [cookie] }
cases:
  - name: the CheckRequest describes the request, the peers and the principal
    request:
      method: POST
      path: /api/items?q=1
      host: shop.example
      scheme: https
      headers: { authorization: Bearer t0k, x-request-id: r-1 }
      source: "203.0.113.9:5555"
      destination: "10.0.0.2:8443"
      principal: spiffe://cluster.local/ns/shop/sa/web
    expect:
      authz:
        transport: grpc
        method: POST
        path: /api/items?q=1
        host: shop.example
        scheme: https
        protocol: HTTP/1.1
        id: r-1
        headers: { authorization: Bearer t0k }
        source: { address: 203.0.113.9, port: 5555, principal: { contains: /sa/web } }
        destination: { address: 10.0.0.2, port: 8443 }
  - name: an allowing answer sets, appends and removes request headers
    request: { path: /api/items, headers: { cookie: s=1, x-group: web, x-user-id: mallory } }
    expect:
      upstream: { headers: { x-user-id: alice, x-group: [web, staff] }, absent: [cookie] }
  - name: a denial answers with the denied_response's status, headers and body
    request: { path: /api/items }
    authz: { allow: false, status: 401, headers: { www-authenticate: Bearer realm="shop", x-reason: expired }, body: token expired }
    expect:
      upstream: false
      local: { status: 401, headers: { www-authenticate: Bearer realm="shop", x-reason: expired }, body: token expired }
  - name: a denial without a status is 403
    request: { path: /api/items }
    authz: { allow: false }
    expect: { upstream: false, response: { status: 403 } }
  - name: a failed call is refused (on failure deny, the default)
    request: { path: /api/items }
    authz: { status: 14 }
    expect: { upstream: false, response: { status: 403 } }
  - name: an answer past the timeout is refused
    request: { path: /api/items }
    authz: { allow: true, delay_ms: 60 }
    expect: { upstream: false, response: { status: 403 } }
  - name: no answer, with on failure allow, lets the request through, and only the listed headers were sent
    request: { path: /open/doc, headers: { authorization: Bearer t0k, cookie: s=1 } }
    authz: no-answer
    expect:
      authz: { path: /open/doc, headers: { authorization: Bearer t0k }, absent: [cookie] }
      upstream: { path: /open/doc, headers: { cookie: s=1 } }
  - name: a request no rule authorizes asks nothing
    request: { path: /public }
    expect: { authz: false, upstream: { absent: [x-user-id] } }
`;

describe("filterc test with authz answers for authorize ... grpc", () => {
  it("passes cases for the CheckRequest, allow, deny, failure, timeout and no call", () => {
    expectAllPassed(testRules(RULES, CASES), 8);
  });

  it("fails a case whose CheckRequest differs, naming each field", () => {
    const wrong = CASES.replace("protocol: HTTP/1.1", "protocol: HTTP/2").replace("destination: { address: 10.0.0.2, port: 8443 }", "destination: { address: 10.0.0.3, port: 8443 }").replace("transport: grpc", "transport: grpc\n        absent: [authorization]");
    const result = testRules(RULES, wrong);
    expect(result.stdout).toMatch(/authz\.protocol\s+expected: "HTTP\/2"\s+actual:\s+"HTTP\/1\.1"/);
    expect(result.stdout).toMatch(/authz\.destination\.address\s+expected: "10\.0\.0\.3"\s+actual:\s+"10\.0\.0\.2"/);
    expect(result.stdout).toMatch(/authz\.headers\.authorization\s+expected: \(absent\)\s+actual:\s+"Bearer t0k"/);
    expect(result.stdout).toMatch(/^7 passed, 1 failed$/m);
    expect(result.status).toBe(1);
  });
});
