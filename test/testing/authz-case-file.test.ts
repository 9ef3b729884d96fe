// The `authz:` answers and `expect: authz:` checks of case files: how they load, and how bad shapes are refused
// (E0420-E0426, with the file's line and column and a hint).
import { describe, expect, it } from "vitest";
import { brief, load } from "./helpers.js";

describe("authz answers in a case file", () => {
  it("loads each kind of answer, the case's over the file's", () => {
    const { file, diagnostics } = load(`
authz: { allow: true, headers: { X-User-Id: alice }, append_headers: { x-groups: [a, b] }, remove_headers: [Authorization], delay_ms: 5 }
cases:
  - name: the file's answer
  - name: a denial
    authz: { allow: false, status: 401, headers: { www-authenticate: Bearer }, body: "who are you?\\n", cluster: authz }
  - name: a denial with the default status
    authz: { allow: false }
  - name: a failed call
    authz: { status: 14 }
  - name: no answer
    authz: no-answer
  - name: no answer on one cluster
    authz: { noAnswer: true, cluster: ext }
`);
    expect(diagnostics).toEqual([]);
    expect(file!.cases.map((c) => c.authz)).toEqual([
      { kind: "allow", headers: [["x-user-id", "alice"]], appendHeaders: [["x-groups", "a"], ["x-groups", "b"]], removeHeaders: ["authorization"], delayMs: 5 },
      { kind: "deny", status: 401, headers: [["www-authenticate", "Bearer"]], body: "who are you?\n", delayMs: 0, cluster: "authz" },
      { kind: "deny", status: 403, headers: [], body: "", delayMs: 0 },
      { kind: "error", status: 14 },
      { kind: "no-answer" },
      { kind: "no-answer", cluster: "ext" },
    ]);
  });

  it("loads the request expectation: text fields, headers, peers, or that none was sent", () => {
    const { file, diagnostics } = load(`
authz: { allow: true }
cases:
  - name: over gRPC
    expect:
      authz:
        transport: grpc
        method: GET
        path: { contains: /api }
        headers: { Authorization: { matches: "^Bearer " } }
        absent: [Cookie]
        protocol: HTTP/1.1
        source: { address: 203.0.113.9, port: 51000, principal: { contains: /sa/web } }
  - name: not asked
    expect: { authz: false }
`);
    expect(diagnostics).toEqual([]);
    const [grpc, none] = file!.cases;
    expect(grpc!.expect.authz).toEqual({
      sent: true,
      transport: "grpc",
      method: { kind: "exact", text: "GET" },
      path: { kind: "contains", text: "/api" },
      headers: [["authorization", { kind: "matches", pattern: /^Bearer / }]],
      absent: ["cookie"],
      protocol: { kind: "exact", text: "HTTP/1.1" },
      source: { address: { kind: "exact", text: "203.0.113.9" }, port: 51000, principal: { kind: "contains", text: "/sa/web" } },
    });
    expect(none!.expect.authz).toEqual({ sent: false });
  });

  it("refuses answers whose keys do not fit their kind, with the place and a hint", () => {
    const { diagnostics, source } = load(`
cases:
  - name: allow with a status
    authz: { allow: true, status: 200, body: hi }
  - name: deny with removals
    authz: { allow: false, remove_headers: [cookie] }
  - name: an error with a body
    authz: { status: 14, body: down }
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0420 4:27 `status` does not belong to an allowing answer (`allow: true`) | an allowing answer (`allow: true`) takes `allow`, `headers`, `append_headers`, `remove_headers`, `delay_ms`",
      "E0420 4:40 `body` does not belong to an allowing answer (`allow: true`) | an allowing answer (`allow: true`) takes `allow`, `headers`, `append_headers`, `remove_headers`, `delay_ms`",
      "E0420 6:28 `remove_headers` does not belong to a denial (`allow: false`) | a denial (`allow: false`) takes `allow`, `status`, `headers`, `body`, `delay_ms`",
      "E0420 8:26 `body` does not belong to a failed call (`status` without `allow`) | a failed call has only a `status`; to deny the request write `allow: false` beside it",
    ]);
  });

  it("refuses an HTTP status as an error's, a denial that allows, a verdict-less answer, and no-answer beside an answer", () => {
    const { diagnostics, source } = load(`
authz: { headers: { x-a: b } }
cases:
  - name: forgot allow false
    authz: { status: 403 }
  - name: a 2xx denial
    authz: { allow: false, status: 204 }
  - name: both
    authz: { noAnswer: true, allow: true }
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0423 2:8 `authz` says neither whether the service allows the request nor how the call fails | add `allow: true` or `allow: false` (a denial), `status: 14` (a failed call) or `noAnswer: true`",
      "E0421 5:22 `cases[0].authz.status` is 403, but without `allow` it is the gRPC status of a failed call (1 to 16) | to deny the request with HTTP 403, write `allow: false, status: 403`",
      "E0424 7:36 a denial cannot answer 204: over HTTP a 2xx allows the request | deny with a 3xx, 4xx or 5xx status (403 when left out), or write `allow: true`",
      "E0422 9:14 `noAnswer: true` and `allow` contradict each other: a service that never answers has no allow | remove `noAnswer` to answer, or `allow` to test a timeout",
    ]);
  });

  it("refuses expect.authz without an answer, and gRPC-only fields over HTTP", () => {
    const { diagnostics, source, rendered } = load(`
cases:
  - name: nobody records it
    expect: { authz: false }
  - name: http has no source
    authz: { allow: true }
    expect: { authz: { transport: http, source: { address: 10.0.0.1 } } }
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0425 4:15 `expect.authz` checks the request the filter sent the `authz` service, but this case has no `authz` answer | add `authz: { allow: true }` (or the answer to test) to the case or to the file",
      "E0426 7:41 `source` is a field of the gRPC CheckRequest, but `transport: http` says the filter asks over HTTP | an HTTP check carries only the method, path, host and headers; remove the key or `transport`",
    ]);
    // As the CLI prints it: code, file:line:col, the line with a caret, the hint.
    expect(rendered).toContain("error[E0425]");
    expect(rendered).toContain("--> cases.test.yaml:4:15");
    expect(rendered).toMatch(/\|\s+\^/);
  });

  it("leaves the schema's own errors to the schema: unknown keys, wrong types, statuses out of range, each once", () => {
    const { diagnostics, source } = load(`
cases:
  - name: typo
    authz: { allow: true, header: { a: b } }
  - name: wrong type
    authz: { allow: "yes" }
  - name: out of range
    authz: { allow: false, status: 700 }
  - name: bad expectation
    authz: { allow: true }
    expect: { authz: { transport: smtp, port: 1 } }
  - name: ratelimit typo
    ratelimit: { cod: OK }
  - name: a misspelt word
    authz: no_answer
  - name: true is no expectation
    authz: { allow: true }
    expect: { authz: true }
`);
    // A map beside the `no-answer` and `false` forms is explained as a map (not "must be equal to constant").
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0603 4:27 unknown key `header` in `cases[0].authz` | did you mean `headers`?",
      'E0604 6:21 `cases[1].authz.allow` must be true or false, found "yes"',
      "E0607 8:36 `cases[2].authz.status` must be between 1 and 599, found 700",
      'E0605 11:35 `cases[3].expect.authz.transport` must be `http` or `grpc`, found "smtp"',
      "E0603 11:41 unknown key `port` in `cases[3].expect.authz` | `port` goes under `source`: `cases[3].expect.authz.source.port`",
      "E0603 13:18 unknown key `cod` in `cases[4].ratelimit` | did you mean `code`?",
      'E0605 15:12 `cases[5].authz` must be `no-answer` or a map, found "no_answer" | did you mean `no-answer`?',
      "E0605 18:22 `cases[6].expect.authz` must be false or a map, found true",
    ]);
  });
});
