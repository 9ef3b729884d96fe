// `filterc test` on rule files with `authorize with "CLUSTER"` (HTTP mode), run as a process: the case file's typed
// `authz:` answers stand for the authorization service, and `expect: authz:` checks the call the filter made.

import { describe, expect, it } from "vitest";
import { expectAllPassed, testRules } from "./rule-cases-cli.js";

const RULES = `rule "auth" on request_headers when request.path starts_with "/api" authorize with "ext-authz" timeout 50ms send headers ["authorization"] copy headers ["x-user-id"]
rule "lenient" on request_headers when request.path starts_with "/open" authorize with "lenient-authz" on failure allow
`;

const CASES = `authz: { allow: true, headers: { x-user-id: alice, x-ignored: "1" } }
cases:
  - name: an allowed request goes on with the copied header, after the service saw the call
    request: { method: POST, path: /api/items?q=1, host: shop.example, headers: { authorization: Bearer t0k, cookie: s=1 } }
    expect:
      authz: { transport: http, method: POST, path: /api/items?q=1, host: shop.example, headers: { authorization: Bearer t0k }, absent: [cookie] }
      upstream: { path: /api/items?q=1, headers: { x-user-id: alice }, absent: [x-ignored] }
  - name: a denial answers with the service's status, www-authenticate and body
    request: { path: /api/items }
    authz: { allow: false, status: 401, headers: { www-authenticate: Bearer realm="shop" }, body: token expired }
    expect:
      upstream: false
      local: { status: 401, headers: { www-authenticate: Bearer realm="shop" }, body: token expired }
  - name: a denial without a status is 403
    request: { path: /api/items }
    authz: { allow: false }
    expect: { upstream: false, response: { status: 403 } }
  - name: a failed call is refused (on failure deny, the default)
    request: { path: /api/items }
    authz: { status: 14 }
    expect: { upstream: false, response: { status: 403 } }
  - name: no answer in time is refused
    request: { path: /api/items }
    authz: no-answer
    expect: { upstream: false, response: { status: 403 } }
  - name: an answer at the 50ms timeout is too late
    request: { path: /api/items }
    authz: { allow: true, delay_ms: 50 }
    expect: { upstream: false, response: { status: 403 } }
  - name: an answer just before the timeout counts
    request: { path: /api/items }
    authz: { allow: true, headers: { x-user-id: bob }, delay_ms: 49 }
    expect: { upstream: { headers: { x-user-id: bob } } }
  - name: on failure allow lets the request through when the call fails
    request: { path: /open/doc }
    authz: { status: 14 }
    expect:
      authz: { path: /open/doc, absent: [authorization] }
      upstream: { path: /open/doc }
  - name: an answer on another cluster leaves the rules' cluster unknown, so the call fails
    request: { path: /api/items }
    authz: { allow: true, cluster: lenient-authz }
    expect: { authz: false, response: { status: 403 } }
  - name: a request no rule authorizes asks nothing
    request: { path: /public }
    expect: { authz: false, upstream: true }
`;

describe("filterc test with authz answers for authorize (HTTP)", () => {
  it("passes cases for allow, deny, failure, timeout and no call", () => {
    expectAllPassed(testRules(RULES, CASES), 10);
  });

  it("fails a case whose service saw another request, or whose filter acted otherwise, naming what differs", () => {
    const wrong = CASES.replace("headers: { authorization: Bearer t0k }, absent: [cookie]", "headers: { authorization: Bearer other }, absent: [cookie]")
      .replace("local: { status: 401,", "local: { status: 403,")
      .replace("expect: { authz: false, upstream: true }", "expect: { authz: { path: /public } }");
    const result = testRules(RULES, wrong);
    expect(result.stdout).toMatch(/authz\.headers\.authorization\s+expected: "Bearer other"\s+actual:\s+"Bearer t0k"/);
    expect(result.stdout).toMatch(/local\.status\s+expected: 403\s+actual:\s+401/);
    expect(result.stdout).toMatch(/authz request\s+expected: one sent\s+actual:\s+none sent/);
    expect(result.stdout).toMatch(/^7 passed, 3 failed$/m);
    expect(result.status).toBe(1);
  });

  it("warns about an answer on a cluster the rules never call, naming the closest one, and still runs", () => {
    const result = testRules(RULES, "authz: { allow: true, cluster: ext_authz }\ncases:\n  - name: the rules' cluster is unknown\n    request: { path: /api }\n    expect: { response: { status: 403 } }\n", "typo");
    expect(result.stderr).toContain("warning[E0427]: `authz.cluster` is `ext_authz`, but the rules of");
    expect(result.stderr).toContain("they call `ext-authz`, `lenient-authz`");
    expect(result.stderr).toContain("typo.test.yaml:1:32");
    expect(result.stderr).toContain("hint: did you mean `ext-authz`?");
    expect(result.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(result.status).toBe(0);
  });

  it("refuses a malformed answer before running anything, with the place and a hint", () => {
    const result = testRules(RULES, "cases:\n  - name: forgot allow\n    authz: { status: 401, body: no }\n", "bad");
    expect(result.stderr + result.stdout).toContain("error[E0420]: `body` does not belong to a failed call");
    expect(result.stderr + result.stdout).toContain("error[E0421]");
    expect(result.stderr + result.stdout).toContain("bad.test.yaml:3:");
    expect(result.stderr + result.stdout).not.toMatch(/at .*\.js:\d+/);
    expect(result.status).toBe(1);
  });
});
