// Global rate limits end to end: the filter calls Envoy's rate limit service (ShouldRateLimit) through
// proxy_grpc_call, pauses the request, and resumes it from the answer (runtime/callout.ts, global-rate-limit.ts).
// The service is declared to the host; its answers are encoded, and the filter's requests decoded, by protobufjs
// with Envoy's own .proto files.
import { describe, expect, it } from "vitest";
import type { GrpcCallRequest, GrpcClusterSpec, GrpcMethodSpec, ProxyWasmHost } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";
import { decodeEnvoy, encodeEnvoy } from "../support/envoy-protos.js";

const METHOD = "envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";
const RESPONSE = "envoy.service.ratelimit.v3.RateLimitResponse";
const REQUEST = "envoy.service.ratelimit.v3.RateLimitRequest";

const TENANT_LIMIT = `
rule "mark" on request_headers set "x-before" = "1"
rule "tenants" on request_headers when request.path starts_with "/api" limit 100 per minute by request.header["x-tenant"] via "ratelimit"
rule "after" on request_headers set "x-after" = "q=\${request.header["x-quota"]}"
rule "resp" on response_headers set "x-resp" = "1"
`;

/** A ratelimit cluster answering every call with `answer`, recording the requests it got. */
function service(answer: GrpcMethodSpec): { clusters: Record<string, GrpcClusterSpec>; requests: GrpcCallRequest[] } {
  const requests: GrpcCallRequest[] = [];
  const method: GrpcMethodSpec = (request) => {
    requests.push(request);
    return typeof answer === "function" ? answer(request) : answer;
  };
  return { clusters: { ratelimit: { [METHOD]: method } }, requests };
}

const answer = (value: Record<string, unknown>) => ({ message: encodeEnvoy(RESPONSE, value) });

async function limited(rules: string, spec: GrpcMethodSpec): Promise<{ host: ProxyWasmHost; requests: GrpcCallRequest[] }> {
  const { clusters, requests } = service(spec);
  return { host: await hostFor(rules, { grpcClusters: clusters }), requests };
}

function send(host: ProxyWasmHost, headers: Record<string, string> = { "x-tenant": "acme" }, path = "/api/items") {
  const result = host.runStream({ request: { path, headers } });
  const upstream = result.upstreamRequest?.headers ?? [];
  return { result, status: result.response.status, upstream: (name: string) => header(upstream, name), reply: result.localResponse };
}

describe("limit ... via CLUSTER", () => {
  it("sends RateLimitRequest{domain, descriptors [rule, by], hits_addend 1} byte for byte as protobuf does", async () => {
    const { host, requests } = await limited(TENANT_LIMIT, answer({ overall_code: "OK" }));
    send(host);
    expect(requests).toHaveLength(1);
    const call = requests[0]!;
    expect([call.cluster, call.service, call.method, call.timeoutMs]).toEqual(["ratelimit", "envoy.service.ratelimit.v3.RateLimitService", "ShouldRateLimit", 20]);
    const expected = { domain: "test", descriptors: [{ entries: [{ key: "rule", value: "tenants" }, { key: "by", value: "acme" }] }], hits_addend: 1 };
    expect(decodeEnvoy(REQUEST, call.messages[0]!)).toEqual(expected);
    expect(Buffer.from(call.messages[0]!).toString("hex")).toBe(Buffer.from(encodeEnvoy(REQUEST, expected)).toString("hex"));
  });

  it("OK: the rules after the limit run once the answer comes, then the request goes upstream", async () => {
    const { host } = await limited(TENANT_LIMIT, answer({ overall_code: "OK" }));
    const r = send(host);
    expect(r.status).toBe(200);
    expect([r.upstream("x-before"), r.upstream("x-after")]).toEqual(["1", "q="]);
    expect(header(r.result.response.headers, "x-resp")).toBe("1");
  });

  it("OK with request_headers_to_add: the headers are set on the request before the later rules read them", async () => {
    const { host } = await limited(TENANT_LIMIT, answer({ overall_code: "OK", request_headers_to_add: [{ key: "x-quota", value: "97" }] }));
    const r = send(host, { "x-tenant": "acme", "x-quota": "forged" });
    expect([r.upstream("x-quota"), r.upstream("x-after")]).toEqual(["97", "q=97"]);
  });

  it("OVER_LIMIT: answers 429 with the service's response_headers_to_add; the later rules do not run", async () => {
    const { host } = await limited(
      TENANT_LIMIT,
      answer({ overall_code: "OVER_LIMIT", response_headers_to_add: [{ key: "x-ratelimit-limit", value: "100" }, { key: "retry-after", value: "42" }] }),
    );
    const r = send(host);
    expect(r.status).toBe(429);
    expect(r.result.upstreamRequest).toBeUndefined();
    expect(r.reply?.details).toBe("filterc_tenants");
    expect([header(r.reply!.headers, "x-ratelimit-limit"), header(r.reply!.headers, "retry-after")]).toEqual(["100", "42"]);
    // The response rules do not run on the filter's own reply.
    expect(header(r.result.response.headers, "x-resp")).toBeUndefined();
    expect(host.metrics().get("rule=.=tenants;.;filterc.test.rate_limited")?.value).toBe(1n);
  });

  it("a request without the `by` value is not sent to the service and passes", async () => {
    const { host, requests } = await limited(TENANT_LIMIT, answer({ overall_code: "OVER_LIMIT" }));
    expect(send(host, {}).status).toBe(200);
    expect(requests).toHaveLength(0);
    // Nor is a request the rule's condition does not match.
    expect(send(host, { "x-tenant": "acme" }, "/other").status).toBe(200);
    expect(requests).toHaveLength(0);
  });

  it("an error answer follows `on failure`: allow (the default) passes, deny answers 500", async () => {
    const error = { status: 14, statusMessage: "unavailable" };
    const allow = await limited(TENANT_LIMIT, error);
    const passed = send(allow.host);
    expect([passed.status, passed.upstream("x-after")]).toEqual([200, "q="]);
    const deny = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "ratelimit" on failure deny'), error);
    const refused = send(deny.host);
    expect([refused.status, refused.reply?.details, refused.result.upstreamRequest]).toEqual([500, "filterc_tenants", undefined]);
  });

  it("a malformed answer is a failure too", async () => {
    const { host } = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "ratelimit" on failure deny'), { message: new Uint8Array([0x0a, 0x05, 0x01]) });
    expect(send(host).status).toBe(500);
  });

  it("a timeout follows `on failure`, with the clause's timeout on the call", async () => {
    const late = answer({ overall_code: "OVER_LIMIT" });
    const allow = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "ratelimit" timeout 50ms'), { ...late, delayMs: 50 });
    expect(send(allow.host).status).toBe(200);
    expect(allow.requests[0]!.timeoutMs).toBe(50);
    const deny = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "ratelimit" timeout 1s on failure deny'), "no-answer");
    expect(send(deny.host).status).toBe(500);
    expect(deny.requests[0]!.timeoutMs).toBe(1000);
    // Within the timeout the answer counts.
    const inTime = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "ratelimit" timeout 50ms'), { ...late, delayMs: 49 });
    expect(send(inTime.host).status).toBe(429);
  });

  it("a cluster the proxy does not know fails the call at once: allow passes, deny answers 500", async () => {
    const allow = await limited(TENANT_LIMIT.replace('"ratelimit"', '"nowhere"'), answer({ overall_code: "OVER_LIMIT" }));
    expect(send(allow.host).status).toBe(200);
    const deny = await limited(TENANT_LIMIT.replace('via "ratelimit"', 'via "nowhere" on failure deny'), answer({ overall_code: "OVER_LIMIT" }));
    expect(send(deny.host).status).toBe(500);
  });

  it("a shadow rule calls and counts, logs `would limit`, and refuses nothing", async () => {
    const rules = TENANT_LIMIT.replace('rule "tenants" on', 'rule "tenants" shadow on');
    const { host, requests } = await limited(rules, answer({ overall_code: "OVER_LIMIT", request_headers_to_add: [{ key: "x-quota", value: "0" }] }));
    const r = send(host);
    expect(r.status).toBe(200);
    expect(requests).toHaveLength(1);
    // It changes no traffic: not even the service's request headers.
    expect(r.upstream("x-after")).toBe("q=");
    expect(r.result.logs.map((l) => l.message)).toContain('shadow rule "tenants": would limit (the rate limit service answered OVER_LIMIT)');
    expect(host.metrics().get("filterc.test.shadow.tenants")?.value).toBe(1n);
  });

  it("a stream reset while it waits cancels the call: the answer that comes later reaches nothing, and the next stream is served", async () => {
    // The first call is answered only when the test says so (after the client has gone); later ones at once.
    let release: (() => void) | undefined;
    const { host } = await limited(TENANT_LIMIT, () =>
      release === undefined ? new Promise((resolve) => (release = () => resolve(answer({ overall_code: "OVER_LIMIT" })))) : answer({ overall_code: "OVER_LIMIT" }),
    );
    const stream = host.openStream({ request: { path: "/api/x", headers: { "x-tenant": "acme" } } });
    stream.requestHeaders();
    expect(host.pendingGrpcCalls()).toHaveLength(1);
    // The client goes away before the service answers: done and delete reach the filter, which cancels its call
    // (proxy_grpc_cancel), after which Envoy calls nothing back for it (Context::cancelGrpcCall, context.cc).
    const gone = stream.close();
    expect(gone.localResponse).toBeUndefined();
    expect(gone.upstreamRequest).toBeUndefined();
    expect(gone.trace.some((e) => e.type === "hostcall" && e.name === "proxy_grpc_cancel")).toBe(true);
    expect(host.pendingGrpcCalls()).toEqual([]);
    const before = host.trace.length;
    release!();
    await host.settle();
    const after = host.trace.slice(before);
    expect(after.filter((e) => e.type === "grpc-receive" || e.type === "grpc-close" || e.type === "local-response" || (e.type === "hostcall" && /effective_context|continue_stream/.test(e.name)))).toEqual([]);
    expect(send(host).status).toBe(429);
  });

  it("two global limits in one phase pause one after the other; the second is asked only once the first allows", async () => {
    const rules = `
rule "per-tenant" on request_headers limit 100 per minute by request.header["x-tenant"] via "ratelimit"
rule "middle" on request_headers set "x-middle" = "1"
rule "per-user" on request_headers limit 10 per minute by request.header["x-user"] via "ratelimit"
rule "last" on request_headers set "x-last" = "1"
`;
    const { host, requests } = await limited(rules, (request) => {
      const asked = decodeEnvoy(REQUEST, request.messages[0]!) as { descriptors: Array<{ entries: Array<{ value: string }> }> };
      const rule = asked.descriptors[0]!.entries[0]!.value;
      return answer({ overall_code: rule === "per-user" && asked.descriptors[0]!.entries[1]!.value === "bob" ? "OVER_LIMIT" : "OK" });
    });
    const ann = send(host, { "x-tenant": "acme", "x-user": "ann" });
    expect([ann.status, ann.upstream("x-middle"), ann.upstream("x-last")]).toEqual([200, "1", "1"]);
    expect(requests.map((r) => (decodeEnvoy(REQUEST, r.messages[0]!) as { descriptors: Array<{ entries: Array<{ value: string }> }> }).descriptors[0]!.entries[0]!.value)).toEqual(["per-tenant", "per-user"]);
    const bob = send(host, { "x-tenant": "acme", "x-user": "bob" });
    expect([bob.status, bob.reply?.details]).toEqual([429, "filterc_per-user"]);
  });

  it("resumes in a phase of many rules (chunks of rule functions and rule tables) with the rule after the limit", async () => {
    const many = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `rule "r${from + i}" on request_headers when request.header["x-n"] == "${from + i}" set "x-hit" = "${from + i}"`);
    const rules = [...many(0, 70), 'rule "limit" on request_headers limit 5 per second via "ratelimit"', ...many(70, 140)].join("\n");
    const { host, requests } = await limited(rules, answer({ overall_code: "OK" }));
    expect([send(host, { "x-n": "3" }).upstream("x-hit"), send(host, { "x-n": "99" }).upstream("x-hit"), send(host, { "x-n": "139" }).upstream("x-hit")]).toEqual(["3", "99", "139"]);
    expect(requests).toHaveLength(3);
  });

  it("keeps nothing after a request: memory stays flat over 3,000 limited requests with distinct keys", async () => {
    let n = 0;
    const { host } = await limited(TENANT_LIMIT, () => answer({ overall_code: n++ % 3 === 0 ? "OVER_LIMIT" : "OK", request_headers_to_add: [{ key: "x-quota", value: String(n) }] }));
    for (let i = 0; i < 100; i++) send(host, { "x-tenant": `warm-${i}` });
    const pages = host.memoryPages();
    for (let i = 0; i < 3000; i++) send(host, { "x-tenant": `tenant-${i}` });
    expect(host.memoryPages()).toBe(pages);
    expect(host.pendingGrpcCalls()).toEqual([]);
  });

  it("costs the same host calls per request, call and answer included", async () => {
    const { host } = await limited(TENANT_LIMIT, answer({ overall_code: "OK" }));
    send(host);
    const calls = [send(host).result.hostCalls, send(host).result.hostCalls];
    expect(calls[0]).toBe(calls[1]);
    expect(calls[0]).toMatchInlineSnapshot(`10`);
  });
});
