// External authorization over HTTP end to end: the filter calls the authorization service's cluster with
// proxy_http_call, pauses the request, and resumes it from the answer (runtime/ext-authz.ts, runtime/callout.ts).
// The service is a scripted cluster of the host; each test asserts on the call the filter made and on what reached
// the upstream or the client.
import { describe, expect, it } from "vitest";
import type { HttpCallAnswer, HttpCallRequest, ProxyWasmHost } from "../../host/index.js";
import { header, hostFor, text } from "../support/compile.js";

const GATE = `
rule "mark" on request_headers set "x-before" = "1"
rule "auth" on request_headers when request.path starts_with "/api" authorize with "ext-authz" send headers ["authorization", "cookie"] copy headers ["x-user-id", "x-tenant"]
rule "after" on request_headers set "x-after" = "user=\${request.header["x-user-id"]}"
rule "resp" on response_headers set "x-resp" = "1"
`;

/** A host whose ext-authz cluster answers every call with `answer`, recording the calls. */
async function gate(rules: string, answer: HttpCallAnswer | ((request: HttpCallRequest) => HttpCallAnswer)): Promise<{ host: ProxyWasmHost; calls: HttpCallRequest[] }> {
  const calls: HttpCallRequest[] = [];
  const host = await hostFor(rules, {
    clusters: {
      "ext-authz": (request) => {
        calls.push(request);
        return typeof answer === "function" ? answer(request) : answer;
      },
    },
  });
  return { host, calls };
}

function send(host: ProxyWasmHost, headers: Record<string, string> = { authorization: "Bearer t0k", cookie: "s=1", "x-other": "no" }, path = "/api/items?q=1") {
  const result = host.runStream({ request: { method: "POST", path, authority: "shop.example", headers } });
  const upstream = result.upstreamRequest?.headers ?? [];
  return { result, status: result.response.status, upstream: (name: string) => header(upstream, name), reply: result.localResponse };
}

const allow = (headers: Array<[string, string]> = []): HttpCallAnswer => ({ headers: [[":status", "200"], ...headers] });

describe("authorize with CLUSTER (HTTP)", () => {
  it("calls the cluster with the request's method, path, authority and the listed headers only, with no body and a 200 ms timeout", async () => {
    const { host, calls } = await gate(GATE, allow());
    send(host);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers).toEqual([
      [":method", "POST"],
      [":path", "/api/items?q=1"],
      [":authority", "shop.example"],
      ["authorization", "Bearer t0k"],
      ["cookie", "s=1"],
    ]);
    expect([calls[0]!.body.length, calls[0]!.timeoutMs]).toEqual([0, 200]);
    // A listed header the request does not have is not sent.
    send(host, { cookie: "s=2" });
    expect(calls[1]!.headers.map(([k]) => k)).toEqual([":method", ":path", ":authority", "cookie"]);
  });

  it("`path EXPR` and `timeout` shape the call", async () => {
    const rules = 'rule "auth" on request_headers authorize with "ext-authz" timeout 1s path "/check${request.path}"';
    const { host, calls } = await gate(rules, allow());
    send(host, {}, "/x");
    expect([header(calls[0]!.headers, ":path"), calls[0]!.timeoutMs]).toEqual(["/check/x", 1000]);
  });

  it("a 2xx continues: the listed answer headers are set on the request (replacing), then the later rules run", async () => {
    const { host } = await gate(GATE, allow([["x-user-id", "u-42"], ["x-not-copied", "1"]]));
    const r = send(host, { authorization: "Bearer t0k", "x-user-id": "forged" });
    expect(r.status).toBe(200);
    expect([r.upstream("x-before"), r.upstream("x-user-id"), r.upstream("x-after"), r.upstream("x-not-copied"), r.upstream("x-tenant")]).toEqual(["1", "u-42", "user=u-42", undefined, undefined]);
    expect(header(r.result.response.headers, "x-resp")).toBe("1");
    expect(r.result.upstreamRequest!.headers.filter(([k]) => k === "x-user-id")).toHaveLength(1);
    // 204 is a 2xx too.
    const noContent = await gate(GATE, { headers: [[":status", "204"]] });
    expect(send(noContent.host).status).toBe(200);
  });

  it("a denial answers the client with the service's status, body and www-authenticate; the later rules do not run", async () => {
    const { host } = await gate(GATE, { headers: [[":status", "401"], ["www-authenticate", 'Bearer realm="shop"'], ["x-internal", "secret"]], body: "log in first" });
    const r = send(host);
    expect(r.status).toBe(401);
    expect(r.result.upstreamRequest).toBeUndefined();
    expect([r.reply!.details, text(r.reply!.body), header(r.reply!.headers, "www-authenticate"), header(r.reply!.headers, "x-internal")]).toEqual(["filterc_auth", "log in first", 'Bearer realm="shop"', undefined]);
    expect(header(r.result.response.headers, "x-resp")).toBeUndefined();
    // Without the header, the reply has none.
    const forbidden = await gate(GATE, { headers: [[":status", "403"]] });
    const f = send(forbidden.host);
    expect([f.status, text(f.reply!.body), header(f.reply!.headers, "www-authenticate")]).toEqual([403, "", undefined]);
  });

  it("a request the rule's condition does not match is not sent to the service", async () => {
    const { host, calls } = await gate(GATE, { headers: [[":status", "403"]] });
    expect(send(host, {}, "/public").status).toBe(200);
    expect(calls).toHaveLength(0);
  });

  it("a timeout, a reset and a 5xx follow `on failure`: deny (the default) answers 403, allow continues without copying", async () => {
    for (const failure of ["timeout", "reset", { headers: [[":status", "503"], ["x-user-id", "u-1"]], body: "down" }] as HttpCallAnswer[]) {
      const denied = send((await gate(GATE, failure)).host);
      expect([denied.status, denied.reply?.details, text(denied.reply!.body), denied.result.upstreamRequest]).toEqual([403, "filterc_auth", "", undefined]);
      const allowed = send((await gate(GATE.replace('"ext-authz"', '"ext-authz" on failure allow'), failure)).host);
      expect([allowed.status, allowed.upstream("x-user-id"), allowed.upstream("x-after")]).toEqual([200, undefined, "user="]);
    }
  });

  it("a cluster the proxy does not know fails the call at once: deny answers 403, allow continues", async () => {
    const deny = await gate(GATE.replace('"ext-authz"', '"nowhere"'), allow());
    const d = send(deny.host);
    expect([d.status, d.reply?.details, deny.calls.length]).toEqual([403, "filterc_auth", 0]);
    const pass = await gate(GATE.replace('"ext-authz"', '"nowhere" on failure allow'), allow());
    expect([send(pass.host).status, send(pass.host).upstream("x-after")]).toEqual([200, "user="]);
  });

  it("a shadow rule calls the service, logs and counts a refusal, and changes no traffic", async () => {
    const rules = GATE.replace('rule "auth" on', 'rule "auth" shadow on');
    const { host, calls } = await gate(rules, { headers: [[":status", "403"], ["x-user-id", "u-9"]] });
    const r = send(host);
    expect([r.status, calls.length, r.upstream("x-after")]).toEqual([200, 1, "user="]);
    // One line, from the answer: the call itself is not a refusal.
    expect(r.result.logs.map((l) => l.message)).toEqual(['shadow rule "auth": would deny (the authorization service refused the request)']);
    expect(host.metrics().get("filterc.test.shadow.auth")?.value).toBe(1n);
    // An allowing answer copies nothing in shadow mode either, and counts nothing.
    const allowed = await gate(rules, allow([["x-user-id", "u-9"]]));
    expect(send(allowed.host).upstream("x-user-id")).toBeUndefined();
    expect(allowed.host.metrics().get("filterc.test.shadow.auth")?.value ?? 0n).toBe(0n);
    // A failure under `deny` is reported too.
    const failing = await gate(rules, "reset");
    const f = send(failing.host);
    expect([f.status, f.result.logs.map((l) => l.message)]).toEqual([200, expect.arrayContaining(['shadow rule "auth": would deny (the authorization service failed)'])]);
  });

  it("an answer for a stream that has gone reaches nothing, and the next stream is served", async () => {
    const host = await hostFor(GATE, { clusters: { "ext-authz": "manual" } });
    const stream = host.openStream({ request: { path: "/api/x", headers: { authorization: "a" } } });
    stream.requestHeaders();
    const pending = host.pendingHttpCalls();
    expect(pending).toHaveLength(1);
    stream.close();
    expect(host.respondHttpCall(pending[0]!.token, allow([["x-user-id", "late"]]))).toBe(true);
    const after = host.openStream({ request: { path: "/api/y", headers: {} } });
    after.requestHeaders();
    const next = host.pendingHttpCalls();
    expect(next).toHaveLength(1);
    host.respondHttpCall(next[0]!.token, { headers: [[":status", "401"]] });
    expect(after.close().localResponse?.status).toBe(401);
  });

  it("costs the same host calls per authorized request, call and answer included", async () => {
    const { host } = await gate(GATE, allow([["x-user-id", "u-1"]]));
    send(host);
    const calls = [send(host).result.hostCalls, send(host).result.hostCalls];
    expect(calls[0]).toBe(calls[1]);
    // Pinned: the rules around it, the call and its answer; a change that adds a host call fails here.
    expect(calls[0]).toBe(17);
  });

  it("keeps nothing after a request: memory stays flat over 3,000 authorized requests", async () => {
    let n = 0;
    const { host } = await gate(GATE, () => (n++ % 3 === 0 ? { headers: [[":status", "401"], ["www-authenticate", "Basic"]], body: "no" } : allow([["x-user-id", `u-${n}`]])));
    for (let i = 0; i < 100; i++) send(host, { authorization: `Bearer warm-${i}` });
    const pages = host.memoryPages();
    for (let i = 0; i < 3000; i++) send(host, { authorization: `Bearer ${i}`, cookie: `c=${i}` });
    expect(host.memoryPages()).toBe(pages);
    expect(host.pendingHttpCalls()).toEqual([]);
  });
});
