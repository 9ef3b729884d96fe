// External authorization over gRPC end to end: the filter calls envoy.service.auth.v3.Authorization/Check through
// proxy_grpc_call, pauses the request, and resumes it from the CheckResponse (runtime/ext-authz.ts,
// runtime/authz-messages.ts). The service's answers are encoded, and the filter's CheckRequest decoded, by protobufjs
// with Envoy's own .proto files.
import { describe, expect, it } from "vitest";
import type { GrpcCallRequest, GrpcMethodSpec, ProxyWasmHost, StreamSpec } from "../../host/index.js";
import { header, headerValues, hostFor, text } from "../support/compile.js";
import { decodeEnvoy, encodeEnvoy } from "../support/envoy-protos.js";

const METHOD = "envoy.service.auth.v3.Authorization/Check";
const REQUEST = "envoy.service.auth.v3.CheckRequest";
const RESPONSE = "envoy.service.auth.v3.CheckResponse";

const GATE = `
rule "mark" on request_headers set "x-before" = "1"
rule "auth" on request_headers when request.path starts_with "/api" authorize with "ext-authz" grpc
rule "after" on request_headers set "x-after" = "user=\${request.header["x-user-id"]}"
rule "resp" on response_headers set "x-resp" = "1"
`;

async function gate(rules: string, answer: GrpcMethodSpec): Promise<{ host: ProxyWasmHost; requests: GrpcCallRequest[] }> {
  const requests: GrpcCallRequest[] = [];
  const method: GrpcMethodSpec = (request, signal) => {
    requests.push(request);
    return typeof answer === "function" ? answer(request, signal) : answer;
  };
  return { host: await hostFor(rules, { grpcClusters: { "ext-authz": { [METHOD]: method } } }), requests };
}

const answer = (value: Record<string, unknown>) => ({ message: encodeEnvoy(RESPONSE, value) });
const OK = answer({ status: { code: 0 } });

const STREAM: StreamSpec = {
  request: { method: "POST", path: "/api/items?q=1", authority: "shop.example", scheme: "https", headers: { authorization: "Bearer t0k", "x-request-id": "req-1", cookie: "a=1", Cookie: "b=2" } },
  source: "10.1.2.3:5555",
  destination: "10.0.0.9:8443",
  connection: { mtls: true, uriSanPeerCertificate: "spiffe://cluster.local/ns/shop/sa/client" },
  properties: { "connection.uri_san_local_certificate": "spiffe://cluster.local/ns/shop/sa/api" },
};

function send(host: ProxyWasmHost, spec: StreamSpec = STREAM) {
  const result = host.runStream(spec);
  const upstream = result.upstreamRequest?.headers ?? [];
  return { result, status: result.response.status, upstream: (name: string) => header(upstream, name), upstreamAll: (name: string) => headerValues(upstream, name), reply: result.localResponse };
}

describe("authorize with CLUSTER grpc", () => {
  it("sends CheckRequest{attributes{source, destination, request.http}} byte for byte as protobuf does", async () => {
    const { host, requests } = await gate(GATE, OK);
    send(host);
    expect(requests).toHaveLength(1);
    const call = requests[0]!;
    expect([call.cluster, call.service, call.method, call.timeoutMs]).toEqual(["ext-authz", "envoy.service.auth.v3.Authorization", "Check", 200]);
    const expected = {
      attributes: {
        source: { address: { socket_address: { address: "10.1.2.3", port_value: 5555 } }, principal: "spiffe://cluster.local/ns/shop/sa/client" },
        destination: { address: { socket_address: { address: "10.0.0.9", port_value: 8443 } }, principal: "spiffe://cluster.local/ns/shop/sa/api" },
        request: {
          http: {
            id: "req-1",
            method: "POST",
            // Pseudo-headers included; a repeated header once, its values joined by ","; the earlier rule's header too.
            headers: { ":method": "POST", ":path": "/api/items?q=1", ":authority": "shop.example", ":scheme": "https", authorization: "Bearer t0k", "x-request-id": "req-1", cookie: "a=1,b=2", "x-before": "1" },
            path: "/api/items?q=1",
            host: "shop.example",
            scheme: "https",
            protocol: "HTTP/1.1",
          },
        },
      },
    };
    expect(decodeEnvoy(REQUEST, call.messages[0]!)).toEqual(expected);
    expect(Buffer.from(call.messages[0]!).toString("hex")).toBe(Buffer.from(encodeEnvoy(REQUEST, expected)).toString("hex"));
  });

  it("leaves out what the proxy does not know, and sends only the listed headers with `send headers`", async () => {
    const { host, requests } = await gate(GATE.replace("grpc", 'grpc timeout 50ms send headers ["authorization", "cookie", "x-absent"]'), OK);
    send(host, { request: { path: "/api/x", headers: { authorization: "a", cookie: "c", "x-other": "o" } } });
    const sent = decodeEnvoy(REQUEST, requests[0]!.messages[0]!) as { attributes: { source: unknown; destination: unknown; request: { http: { headers: unknown } } } };
    expect(sent.attributes.request.http.headers).toEqual({ authorization: "a", cookie: "c" });
    // No certificate: no principal.
    expect([sent.attributes.source, sent.attributes.destination]).toEqual([{ address: { socket_address: { address: "127.0.0.1", port_value: 51000 } } }, { address: { socket_address: { address: "127.0.0.1", port_value: 8080 } } }]);
    expect(requests[0]!.timeoutMs).toBe(50);
  });

  it("OK applies ok_response: headers set, appended when `append` is true, removed; then the later rules run", async () => {
    const { host } = await gate(
      GATE,
      answer({
        status: { code: 0 },
        ok_response: {
          headers: [
            { header: { key: "x-user-id", value: "u-42" } },
            { header: { key: "x-groups", value: "admin" }, append: { value: true } },
            { header: { key: "x-tier", value: "gold" }, append: { value: false } },
          ],
          headers_to_remove: ["authorization", ":path", "host"],
        },
      }),
    );
    const r = send(host, { ...STREAM, request: { ...STREAM.request, headers: { authorization: "Bearer t0k", "x-user-id": "forged", "x-groups": "users", "x-tier": "free" } } });
    expect(r.status).toBe(200);
    expect([r.upstream("x-before"), r.upstream("x-user-id"), r.upstream("x-after"), r.upstream("x-tier"), r.upstream("authorization"), r.upstream(":path")]).toEqual(["1", "u-42", "user=u-42", "gold", undefined, "/api/items?q=1"]);
    expect(r.upstreamAll("x-groups")).toEqual(["users", "admin"]);
    expect(header(r.result.response.headers, "x-resp")).toBe("1");
  });

  it("a denial answers with denied_response's status, headers and body; 403 without a status", async () => {
    const { host } = await gate(
      GATE,
      answer({ status: { code: 7 }, denied_response: { status: { code: "Unauthorized" }, headers: [{ header: { key: "www-authenticate", value: "Bearer" } }, { header: { key: "x-reason", value: "expired" } }], body: "token expired" } }),
    );
    const r = send(host);
    expect([r.status, r.reply?.details, text(r.reply!.body), header(r.reply!.headers, "www-authenticate"), header(r.reply!.headers, "x-reason"), r.result.upstreamRequest]).toEqual([401, "filterc_auth", "token expired", "Bearer", "expired", undefined]);
    expect(header(r.result.response.headers, "x-resp")).toBeUndefined();
    const bare = await gate(GATE, answer({ status: { code: 7 } }));
    const b = send(bare.host);
    expect([b.status, text(b.reply!.body)]).toEqual([403, ""]);
  });

  it("an error, a malformed answer, a timeout and an unknown cluster follow `on failure`: deny (the default) 403, allow continues", async () => {
    const failures: GrpcMethodSpec[] = [{ status: 14, statusMessage: "unavailable" }, { message: new Uint8Array([0x0a, 0x05, 0x01]) }, { ...OK, delayMs: 200 }, "no-answer"];
    for (const failure of failures) {
      const denied = send((await gate(GATE, failure)).host);
      expect([denied.status, denied.reply?.details, denied.result.upstreamRequest]).toEqual([403, "filterc_auth", undefined]);
      const allowed = send((await gate(GATE.replace("grpc", "grpc on failure allow"), failure)).host);
      expect([allowed.status, allowed.upstream("x-after")]).toEqual([200, "user="]);
    }
    const inTime = await gate(GATE, { ...answer({ status: { code: 7 } }), delayMs: 199 });
    expect(send(inTime.host).status).toBe(403);
    expect(send((await gate(GATE.replace('"ext-authz"', '"nowhere"'), OK)).host).status).toBe(403);
    expect(send((await gate(GATE.replace('"ext-authz" grpc', '"nowhere" grpc on failure allow'), OK)).host).status).toBe(200);
  });

  it("a shadow rule calls, logs and counts a denial, and applies nothing", async () => {
    const rules = GATE.replace('rule "auth" on', 'rule "auth" shadow on');
    const { host, requests } = await gate(rules, answer({ status: { code: 7 }, denied_response: { status: { code: "Forbidden" } } }));
    const r = send(host);
    expect([r.status, requests.length, r.upstream("x-after")]).toEqual([200, 1, "user="]);
    expect(r.result.logs.map((l) => l.message)).toContain('shadow rule "auth": would deny (the authorization service refused the request)');
    expect(host.metrics().get("filterc.test.shadow.auth")?.value).toBe(1n);
    const ok = await gate(rules, answer({ status: { code: 0 }, ok_response: { headers: [{ header: { key: "x-user-id", value: "u-1" } }] } }));
    expect(send(ok.host).upstream("x-user-id")).toBeUndefined();
  });

  it("a stream reset while it waits cancels the call, and a late answer reaches nothing", async () => {
    let release: (() => void) | undefined;
    const { host } = await gate(GATE, () => (release === undefined ? new Promise((resolve) => (release = () => resolve(answer({ status: { code: 7 } })))) : OK));
    const stream = host.openStream({ request: { path: "/api/x", headers: {} } });
    stream.requestHeaders();
    expect(host.pendingGrpcCalls()).toHaveLength(1);
    const gone = stream.close();
    expect(gone.trace.some((e) => e.type === "hostcall" && e.name === "proxy_grpc_cancel")).toBe(true);
    const before = host.trace.length;
    release!();
    await host.settle();
    expect(host.trace.slice(before).filter((e) => e.type === "local-response" || (e.type === "hostcall" && /effective_context|continue_stream/.test(e.name)))).toEqual([]);
    expect(send(host).status).toBe(200);
  });

  it("costs the same host calls per authorized request, call and answer included", async () => {
    const { host } = await gate(GATE, answer({ status: { code: 0 }, ok_response: { headers: [{ header: { key: "x-user-id", value: "u-1" } }] } }));
    send(host);
    const calls = [send(host).result.hostCalls, send(host).result.hostCalls];
    expect(calls[0]).toBe(calls[1]);
    // Pinned: the rules around it, the call and its answer; a change that adds a host call fails here.
    expect(calls[0]).toBe(23);
  });

  it("keeps nothing after a request: memory stays flat over 3,000 authorized requests", async () => {
    let n = 0;
    const { host } = await gate(GATE, () =>
      n++ % 3 === 0
        ? answer({ status: { code: 7 }, denied_response: { status: { code: "Unauthorized" }, headers: [{ header: { key: "www-authenticate", value: "Bearer" } }], body: "no" } })
        : answer({ status: { code: 0 }, ok_response: { headers: [{ header: { key: "x-user-id", value: `u-${n}` } }], headers_to_remove: ["cookie"] } }),
    );
    const spec = (i: number): StreamSpec => ({ ...STREAM, request: { ...STREAM.request, headers: { authorization: `Bearer ${i}`, cookie: `c=${i}` } } });
    for (let i = 0; i < 100; i++) send(host, spec(i));
    const pages = host.memoryPages();
    for (let i = 0; i < 3000; i++) send(host, spec(i));
    expect(host.memoryPages()).toBe(pages);
    expect(host.pendingGrpcCalls()).toEqual([]);
  });
});
