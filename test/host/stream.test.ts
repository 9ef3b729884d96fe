import { beforeAll, describe, expect, it } from "vitest";
import { loadHost, type HostOptions, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, line, text } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("probe");
});

async function probe(options: HostOptions = {}): Promise<ProxyWasmHost> {
  return loadHost(wasm, options);
}

describe("stream flow", () => {
  it("creates the stream context lazily with the next id and ends with log, done, delete", async () => {
    const host = await probe();
    const first = host.runStream({ request: { body: "abc" } });
    const second = host.runStream();
    expect(first.logs.map((l) => l.message)).toEqual([
      "create 2 parent=1",
      "request_headers ctx=2 n=5 eos=0",
      "request_body ctx=2 size=3 eos=1",
      "response_headers ctx=2 n=1 eos=1 status=200",
      "log 2 path=/ status=200 add=2 code=c800000000000000",
      "done 2",
      "delete 2",
    ]);
    expect(second.logs[0]?.message).toBe("create 3 parent=1");
    expect(first.upstreamRequest).toEqual({
      headers: [
        [":method", "GET"],
        [":path", "/"],
        [":authority", "example.com"],
        [":scheme", "http"],
        ["x-request-id", "00000000-0000-4000-8000-000000000001"],
      ],
      body: new TextEncoder().encode("abc"),
      trailers: [],
    });
    expect(first.response).toMatchObject({ status: 200, local: false, details: "via_upstream" });
    expect(first.paused).toBe(false);
    expect(first.hostCalls).toBeGreaterThan(10);
    // The trace has each callback with its arguments and the action it led to.
    const headers = first.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers");
    expect(headers).toMatchObject({ args: [2, 5, 0], result: 0, action: "Continue" });
  });

  it("counts host calls deterministically and records nothing when tracing is off", async () => {
    const traced = await probe();
    const quiet = await probe({ trace: false });
    const a = traced.runStream({ request: { headers: { "x-op": "mutate" } } });
    const b = quiet.runStream({ request: { headers: { "x-op": "mutate" } } });
    expect(b.hostCalls).toBe(a.hostCalls);
    expect(a.trace.filter((e) => e.type === "hostcall")).toHaveLength(a.hostCalls);
    expect(b.trace).toEqual([]);
    expect(b.logs).toEqual(a.logs);
  });

  it("sends a local response instead of the upstream, and runs the filter's response callbacks on it", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "local" } } });
    expect(line(r.logs, "local")).toBe("local st=0");
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.localResponse).toEqual({
      status: 403,
      body: new TextEncoder().encode("nope"),
      headers: [["x-why", "probe"]],
      details: "denied_by_probe",
      grpcStatus: -1,
    });
    expect(r.response.status).toBe(403);
    expect(r.response.local).toBe(true);
    expect(r.response.details).toBe("denied_by_probe");
    expect(text(r.response.body)).toBe("nope");
    expect(r.response.headers).toEqual([
      [":status", "403"],
      ["x-why", "probe"],
      ["content-length", "4"],
      ["content-type", "text/plain"],
      ["x-probe", "local"],
    ]);
    expect(line(r.logs, "response_body")).toBe("response_body ctx=2 size=4 eos=1");
    // The callback returned Continue; the local response forced it to stop.
    const call = r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers");
    expect(call).toMatchObject({ result: 0, action: "StopAllIterationAndWatermark" });
  });

  it("shapes local replies to gRPC requests as trailers-only gRPC responses", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "local-grpc", "content-type": "application/grpc" } } });
    expect(r.response.headers).toEqual([
      [":status", "200"],
      ["x-why", "probe"],
      ["content-type", "application/grpc"],
      ["grpc-status", "7"],
      ["grpc-message", "nope"],
      ["x-probe", "local-grpc"],
    ]);
    expect(r.response.body).toHaveLength(0);
  });

  it("adds no headers when the local response's header pairs are malformed", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "local-bad-headers" } } });
    expect(r.response.status).toBe(401);
    expect(r.response.headers).toEqual([
      [":status", "401"],
      ["x-probe", "local-bad-headers"],
    ]);
  });

  it("replaces the upstream response with a local reply sent from the response phase", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "local-in-response" } } });
    expect(r.upstreamRequest).toBeDefined();
    expect(r.response).toMatchObject({ status: 500, local: true, details: "late" });
    expect(r.response.headers).toEqual([[":status", "500"]]);
  });

  it("reports a stream left paused with nobody continuing it", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "pause" }, body: "data" } });
    expect(r.paused).toBe(true);
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.response.status).toBe(0);
    expect(r.logs.map((l) => l.message)).not.toContain("request_body ctx=2 size=4 eos=1");
    expect(r.logs.at(-1)?.message).toBe("delete 2");
  });

  it("defers proxy_continue_stream called inside the callback, and drops the request pointers at once", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "continue-inside" } } });
    expect(line(r.logs, "continue-inside")).toBe("continue-inside st=0 after=2");
    expect(r.upstreamRequest).toBeDefined();
    expect(r.paused).toBe(false);
  });

  it("delivers failed and timed-out HTTP calls the way Envoy does", async () => {
    const host = await probe({ clusters: { broken: () => "reset", slow: () => "timeout" } });
    const failed = host.runStream({ request: { headers: { "x-op": "call-failing" } } });
    expect(line(failed.logs, "call_response")).toBe("call_response root=1 token=4 headers=0 body=0 trailers=0");
    expect(line(failed.logs, "call failed")).toBe("call failed st=0 code=11 message=reset");
    expect(failed.upstreamRequest?.headers).toContainEqual(["x-auth-status", "failed"]);
    const timeout = host.runStream({ request: { headers: { "x-op": "call-timeout" } } });
    expect(line(timeout.logs, "call ok")).toBe("call ok status=504 body=upstream request timeout trailer=- add6=2");
  });

  it("refuses HTTP calls to unknown clusters, without pseudo-headers, with a negative timeout", async () => {
    const host = await probe({ clusters: { auth: () => ({ headers: [] }) } });
    const r = host.runStream({ request: { headers: { "x-op": "call-bad" } } });
    expect(line(r.logs, "call-bad")).toBe("call-bad cluster=2 headers=2 timeout=2 token_ptr=6");
    expect(host.pendingHttpCalls()).toEqual([]);
  });

  it("records what the filter sent to a cluster, and answers asynchronous clusters in runStreamAsync", async () => {
    const seen: unknown[] = [];
    const host = await probe({
      clusters: {
        auth: async (req) => {
          seen.push(req);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { headers: [[":status", "202"]] };
        },
      },
    });
    expect(() => host.runStream({ request: { headers: { "x-op": "pause-call" } } })).toThrow(/runStreamAsync/);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "pause-call" } } });
    expect(r.upstreamRequest?.headers).toContainEqual(["x-auth-status", "202"]);
    expect(seen[1]).toEqual({
      headers: [
        [":method", "GET"],
        [":path", "/check"],
        [":authority", "auth.local"],
        ["content-length", "4"],
      ],
      body: new TextEncoder().encode("who?"),
      trailers: [],
      timeoutMs: 1000,
    });
  });

  it("drives a stream step by step, answering a manual cluster's call by hand", async () => {
    const host = await probe({ clusters: { auth: "manual" } });
    const stream = host.openStream({ request: { headers: { "x-op": "pause-call" } } });
    stream.requestHeaders(undefined, false);
    stream.requestBody("payload", true);
    expect(stream.paused).toBe(true);
    const calls = host.pendingHttpCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ token: 4, cluster: "auth", request: { timeoutMs: 1000 } });
    expect(stream.httpCallResponse(4, { headers: [[":status", "204"]] })).toBe(true);
    expect(stream.httpCallResponse(4, "reset")).toBe(false);
    expect(stream.requestComplete).toBe(true);
    stream.responseHeaders({ status: 201, headers: { "x-up": "1" } }, false);
    stream.responseBody("hello", true);
    expect(stream.responseComplete).toBe(true);
    const r = stream.close();
    // The body that arrived while the headers were stopped is delivered once the stream continues.
    expect(r.logs.map((l) => l.message).filter((m) => /^(request_body|call_response|http_call)/.test(m))).toEqual([
      "http_call st=0 token=4",
      "call_response root=1 token=4 headers=1 body=0 trailers=0",
      "request_body ctx=2 size=7 eos=1",
    ]);
    expect(text(r.upstreamRequest!.body)).toBe("payload");
    expect(r.upstreamRequest!.headers).toContainEqual(["x-auth-status", "204"]);
    expect(r.response).toMatchObject({ status: 201, local: false });
    expect(r.response.headers).toEqual([
      [":status", "201"],
      ["x-up", "1"],
      ["x-probe", "pause-call"],
    ]);
    expect(text(r.response.body)).toBe("hello");
  });

  it("resets the stream on proxy_close_stream", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "close" } } });
    expect(line(r.logs, "close")).toBe("close st=0");
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.response).toMatchObject({ status: 0, reset: true, details: "wasm_close_stream" });
  });
});

describe("bodies", () => {
  it("replaces, prepends and appends, and refuses middle writes", async () => {
    const host = await probe();
    const replaced = host.runStream({ request: { headers: { "x-op": "body-replace" }, body: "original" } });
    expect(text(replaced.upstreamRequest!.body)).toBe("replaced");
    const edited = host.runStream({ request: { headers: { "x-op": "body-edit" }, body: "abc" } });
    expect(line(edited.logs, "body prepend")).toBe("body prepend=0 append=0 middle=2");
    expect(text(edited.upstreamRequest!.body)).toBe("<abc>");
  });

  it("reads ranges clamped to the body, empty past the end", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "body-read" }, body: "hello world" } });
    expect(line(r.logs, "body all")).toBe("body all=0:hello world part=0:llo world past=0/0/0 status=0/11");
  });

  it("accumulates the body for StopIterationAndBuffer across chunks", async () => {
    const host = await probe();
    const stream = host.openStream({ request: { headers: { "x-op": "body-buffer" } } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("ab", false);
    stream.requestBody("cd", false);
    expect(stream.requestComplete).toBe(false);
    stream.requestBody("ef", true);
    const r = stream.close();
    expect(r.logs.filter((l) => l.message.startsWith("request_body")).map((l) => l.message)).toEqual([
      "request_body ctx=2 size=2 eos=0",
      "request_body ctx=2 size=4 eos=0",
      "request_body ctx=2 size=6 eos=1",
    ]);
    expect(line(r.logs, "buffered")).toBe("buffered=abcdef");
    expect(text(r.upstreamRequest!.body)).toBe("abcdef");
  });

  it("lets the last body callback add trailers, and delivers request trailers", async () => {
    const host = await probe();
    const added = host.runStream({ request: { headers: { "x-op": "body-trailers" }, body: "x" } });
    expect(line(added.logs, "add trailer")).toBe("add trailer=0");
    expect(added.upstreamRequest?.trailers).toEqual([["x-added-trailer", "t"]]);
    const withTrailers = host.runStream({ request: { body: "b", trailers: [["x-t", "tv"]] } });
    expect(line(withTrailers.logs, "request_body")).toBe("request_body ctx=3 size=1 eos=0");
    expect(line(withTrailers.logs, "request_trailers")).toBe("request_trailers ctx=3 n=1 value=tv");
    expect(withTrailers.upstreamRequest?.trailers).toEqual([["x-t", "tv"]]);
  });

  it("holds a final chunk stopped with StopIterationAndWatermark (paused)", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "body-stop" }, body: "abc" } });
    expect(r.paused).toBe(true);
    expect(r.upstreamRequest).toBeUndefined();
  });

  it("applies response-side changes: body, :status, trailers", async () => {
    const host = await probe();
    const body = host.runStream({
      request: { headers: { "x-op": "resp-body" } },
      response: { status: 200, headers: { "content-type": "text/plain" }, body: "secret", trailers: [["grpc-status", "0"]] },
    });
    expect(text(body.response.body)).toBe("filtered");
    expect(body.response.trailers).toEqual([["grpc-status", "0"]]);
    expect(line(body.logs, "response_trailers")).toBe("response_trailers ctx=2 n=1");
    const status = host.runStream({ request: { headers: { "x-op": "resp-status" } } });
    expect(status.response.status).toBe(201);
    expect(status.response.headers[0]).toEqual([":status", "201"]);
  });
});
