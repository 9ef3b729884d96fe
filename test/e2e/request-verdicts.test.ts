import { describe, expect, it } from "vitest";
import { MAX_VERDICTS } from "../../compiler/lower/request-verdicts.js";
import type { StreamResult, StreamSpec } from "../../host/index.js";
import { hostFor } from "../support/compile.js";

/**
 * The request-only part of a response rule's condition is decided at the end of the request phase and kept as a
 * flag of the stream (compiler/lower/request-verdicts.ts). Every outcome must be the one the same program gives
 * when the response phase evaluates the whole condition over captured values: for ordinary streams, for streams
 * the filter stopped or answered itself in either phase, and past the last flag a stream has.
 */

const requestRules = `
param blocked = ["/blocked"]
rule "deny" on request_headers when request.path starts_with "/deny" deny 403 "no\\n"
rule "rewrite" on request_headers when request.path starts_with "/old/" rewrite prefix "/old/" to "/new/"
rule "mark" on request_headers when request.header["x-mark"] == "1" set "x-marked" = "yes"
rule "stop" on request_headers when request.path == "/stop" stop
`;

/** Request-only parts of every form, some true without a request, mixed with response conditions. */
const responseRules = `
rule "v1" on response_headers when request.path starts_with "/new/" set "x-v1" = "\${request.method}"
rule "v2" on response_headers when request.header["x-marked"] == "yes" and response.status == 200 set "x-v2" = "\${request.path}"
rule "v3" on response_headers when not exists(request.header["x-token"]) set "x-v3" = "anon"
rule "v4" on response_headers when request.header["x-tenant"] != "a" set "x-v4" = "[\${request.header["x-tenant"]}]"
rule "v5" on response_headers when lower(request.header["x-mode"]) == "debug" or request.query["debug"] == "1" set "x-v5" = "dbg"
rule "v6" on response_headers when request.cookie["session"] in ["s1", "s2"] set "x-v6" = "\${request.cookie["session"]}"
rule "v7" on response_headers when response.header["x-kind"] == "k" and request.path matches "^/new/[0-9]+$" set "x-v7" = "num"
rule "v8" on response_headers when request.path in blocked set "x-v8" = "\${request.method}"
rule "v9" on response_headers when "\${request.host}" == "h.example" and not exists(request.header["x-mark"]) set "x-v9" = "host"
rule "v10" on response_headers when request.path starts_with "/new/" and not exists(request.header["x-token"]) set "x-v10" = "\${request.header["x-mode"]}"
on response_headers set "x-always" = "<\${request.header["x-tenant"]}>"
`;

/** More distinct request-only parts than a stream has flags: the rest are evaluated in the response phase. */
const manyRules = Array.from(
  { length: MAX_VERDICTS + 6 },
  (_, i) => `rule "n${i}" on response_headers when request.header["x-n"] == "v${i}" set "x-n${i}" = "\${request.header["x-n"]}"`,
).join("\n");

const specs: StreamSpec[] = [
  { request: { path: "/" } },
  { request: { path: "/old/12", method: "PUT", headers: { "x-token": "t", "x-tenant": "a" } }, response: { headers: { "x-kind": "k" } } },
  { request: { path: "/new/x", headers: { "x-mark": "1", "x-mode": "DEBUG", cookie: "session=s2" } } },
  { request: { path: "/new/7?debug=1", authority: "h.example", headers: { "x-tenant": "b", "x-mode": "m" } }, response: { status: 500, headers: { "x-kind": "k" } } },
  { request: { path: "/deny/1", headers: { "x-mark": "1" } } },
  { request: { path: "/blocked", method: "POST", headers: { "x-n": "v3" } } },
  { request: { path: "/stop", headers: { "x-n": `v${MAX_VERDICTS + 2}`, "x-fail": "1" } }, response: { status: 503 } },
  { request: { path: "/x", headers: { "x-n": `v${MAX_VERDICTS + 5}`, "x-fail": "1" } }, response: { status: 502 } },
];

/** What a stream did, without the trace (which differs in the host calls made). */
function outcome(result: StreamResult) {
  return {
    upstream: result.upstreamRequest?.headers,
    status: result.response.status,
    headers: result.response.headers,
    local: result.localResponse?.status,
    logs: result.logs.map((l) => l.message),
  };
}

async function outcomes(program: string, requestVerdicts: boolean) {
  const host = await hostFor(program, {}, { requestVerdicts });
  return specs.map((spec) => outcome(host.runStream(spec)));
}

describe("request verdicts", () => {
  it("give every stream the outcome of evaluating the whole condition in the response phase", async () => {
    const replying = `rule "fail" on response_headers when request.header["x-fail"] == "1" and response.status >= 500 respond 502 "bad gateway\\n"`;
    // The first program has no replies: built without verdicts, its streams keep captures and no flags.
    for (const program of [`param blocked = ["/blocked"]\n${responseRules}`, requestRules + responseRules, requestRules + responseRules + replying, requestRules + manyRules + replying]) {
      const expected = await outcomes(program, false);
      expect(await outcomes(program, true)).toEqual(expected);
    }
  });

  it("run no response rule on the filter's own reply, flagged or not", async () => {
    // Every response rule waits on a verdict that a missing request denies: a request-phase reply needs no flag.
    const program = `${requestRules}
rule "audit" on response_headers when request.path starts_with "/deny" set "x-audit" = "\${request.method}"
rule "marked" on response_headers when request.header["x-marked"] == "yes" and response.status == 403 set "x-seen" = "1"`;
    const host = await hostFor(program);
    const denied = host.runStream({ request: { path: "/deny/1", headers: { "x-mark": "1" } } });
    expect(denied.localResponse?.status).toBe(403);
    expect(denied.response.headers.filter(([k]) => k.startsWith("x-"))).toEqual([]);
    const marked = host.runStream({ request: { path: "/x", headers: { "x-mark": "1" } }, response: { status: 403 } });
    expect(marked.response.headers).toContainEqual(["x-seen", "1"]);
    expect(await outcomes(program, true)).toEqual(await outcomes(program, false));
  });

  it("keep nothing for a stream none of whose verdicts holds", async () => {
    const program = `rule "audit" on response_headers when request.path starts_with "/admin" set "x-audit" = "\${request.method} \${request.path}"`;
    const host = await hostFor(program, { trace: true });
    // Warm up, then many streams: the table of kept streams never has to grow, and memory stays one page.
    for (let i = 0; i < 2000; i++) host.runStream({ request: { path: i % 2 === 0 ? "/admin/x" : "/public" } });
    expect(host.memoryPages()).toBe(1);
    const plain = host.runStream({ request: { path: "/public" } });
    // One read of :path; nothing captured (no :method read) and the response phase reads nothing.
    expect(plain.trace.filter((e) => e.type === "hostcall").map((e) => (e.type === "hostcall" ? e.name : ""))).toEqual(["proxy_get_header_map_value"]);
    const admin = host.runStream({ request: { path: "/admin/x", method: "DELETE" } });
    expect(admin.response.headers).toContainEqual(["x-audit", "DELETE /admin/x"]);
  });
});
