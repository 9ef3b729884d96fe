// gRPC callouts end to end: the filter (host/testdata/grpc-client.ts) calls declared services through the raw ABI
// and resumes its request with what came back.

import { beforeAll, describe, expect, it } from "vitest";
import { encodeEnvoyGrpcService, loadHost, type GrpcClusterSpec, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, line, text } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("grpc-client");
});

function client(grpcClusters: Record<string, GrpcClusterSpec>): Promise<ProxyWasmHost> {
  return loadHost(wasm, { grpcClusters });
}

const upstreamHeader = (r: { upstreamRequest?: { headers: Array<[string, string]> } }, name: string): string | undefined =>
  r.upstreamRequest?.headers.find(([k]) => k === name)?.[1];

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("proxy_grpc_call", () => {
  it("delivers the answer to proxy_on_grpc_receive through GRPC_RECEIVE_BUFFER, with the request's metadata sent", async () => {
    const host = await client({
      "grpc-echo": {
        "test.Echo/Say": (req) => ({ message: `pong:${text(req.messages[0]!)}:${req.initialMetadata.find(([k]) => k === "x-caller")?.[1]}:${req.timeoutMs}` }),
      },
    });
    const r = host.runStream({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_call")).toBe("grpc_call st=0 token=5");
    // A unary call that succeeds gets no close callback; the metadata map is not reachable in it.
    expect(line(r.logs, "grpc_receive")).toBe("grpc_receive root=1 token=5 size=20 message=pong:ping:probe:1000 metadata_map=2");
    expect(line(r.logs, "grpc_close")).toBeUndefined();
    expect(upstreamHeader(r, "x-grpc-answer")).toBe("pong:ping:probe:1000");
    expect(host.pendingGrpcCalls()).toEqual([]);
  });

  it("accepts a serialized GrpcService naming the cluster", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": { message: "pong" } } });
    const r = host.runStream({ request: { headers: { "x-op": "call", "x-service-hex": hexOf(encodeEnvoyGrpcService("grpc-echo")) } } });
    expect(upstreamHeader(r, "x-grpc-answer")).toBe("pong");
    const unknown = host.runStream({ request: { headers: { "x-op": "call", "x-service-hex": hexOf(encodeEnvoyGrpcService("nowhere")) } } });
    expect(line(unknown.logs, "grpc_call")).toBe("grpc_call st=10 token=0");
  });

  it("closes a call answered with an error status, the message readable through proxy_get_status", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": { status: 7, statusMessage: "not allowed" } } });
    const r = host.runStream({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=7 get_status=0/7 message=not allowed buffer=1");
    expect(upstreamHeader(r, "x-grpc-status")).toBe("7");
  });

  it("answers UNIMPLEMENTED for a method the cluster does not declare", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": { message: "pong" } } });
    const r = host.runStream({ request: { headers: { "x-op": "call", "x-method": "Shout" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=12 get_status=0/12 message=Method not found: test.Echo/Shout buffer=1");
  });

  it("closes with DEADLINE_EXCEEDED when the answer does not come within the timeout", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": "no-answer", "test.Echo/Slow": { message: "late", delayMs: 1000 } } });
    const silent = host.runStream({ request: { headers: { "x-op": "call", "x-timeout": "50" } } });
    expect(line(silent.logs, "grpc_close")).toBe("grpc_close token=5 code=4 get_status=0/4 message=upstream request timeout buffer=1");
    const slow = host.runStream({ request: { headers: { "x-op": "call", "x-method": "Slow", "x-timeout": "1000" } } });
    expect(line(slow.logs, "grpc_close")).toBe("grpc_close token=9 code=4 get_status=0/4 message=upstream request timeout buffer=1");
    const inTime = host.runStream({ request: { headers: { "x-op": "call", "x-method": "Slow", "x-timeout": "1001" } } });
    expect(upstreamHeader(inTime, "x-grpc-answer")).toBe("late");
  });

  it("waits for ever without a timeout when the service does not answer", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": "no-answer" } });
    const r = host.runStream({ request: { headers: { "x-op": "call", "x-timeout": "0" } } });
    expect(r.paused).toBe(true);
    expect(r.upstreamRequest).toBeUndefined();
    expect(host.pendingGrpcCalls()).toMatchObject([{ token: 5, request: { cluster: "grpc-echo", service: "test.Echo", method: "Say" } }]);
  });

  it("refuses an unknown cluster with ParseFailure, as current Envoy does", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": { message: "pong" } } });
    const r = host.runStream({ request: { headers: { "x-op": "call", "x-cluster": "nowhere" } } });
    expect(line(r.logs, "grpc_call")).toBe("grpc_call st=4 token=0");
    expect(r.upstreamRequest).toBeDefined();
  });

  it("checks arguments and tokens like Envoy", async () => {
    const host = await client({ "grpc-echo": {} });
    const r = host.runStream({ request: { headers: { "x-op": "checks" } } });
    expect(line(r.logs, "checks")).toBe(
      "checks unknown=4 empty_service=2 bad_memory=6 unknown_stream=4 send_http_token=2 send_call_token=2 " +
        "send_unknown_stream=1 cancel_http_token=2 close_unknown_call=1",
    );
  });

  it("forgets a cancelled call: no callback follows", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": { message: "pong" } } });
    const r = host.runStream({ request: { headers: { "x-op": "call-cancel" } } });
    expect(line(r.logs, "cancel")).toBe("cancel st=0 again=1 close=1");
    expect(line(r.logs, "grpc_receive")).toBeUndefined();
  });
});

describe("proxy_grpc_stream", () => {
  it("sends messages and delivers initial metadata, messages, trailing metadata and the close", async () => {
    const host = await client({
      "grpc-echo": {
        "test.Echo/Say": (req) => ({
          initialMetadata: [["X-Served-By", "echo-1"]],
          messages: req.messages.map((m) => `got-${text(m)}`),
          trailingMetadata: [["x-cost", String(req.messages.length)]],
          statusMessage: req.kind,
        }),
      },
    });
    const r = host.runStream({ request: { headers: { "x-op": "stream" } } });
    expect(r.logs.map((l) => l.message)).toEqual([
      "grpc_stream st=0 token=6 send=0,0",
      "initial_metadata token=6 headers=1 x-served-by=echo-1",
      "grpc_receive root=1 token=6 size=5 message=got-a metadata_map=2",
      "grpc_receive root=1 token=6 size=6 message=got-bc metadata_map=2",
      "trailing_metadata token=6 trailers=1 x-cost=2",
      "grpc_close token=6 code=0 get_status=0/0 message=stream buffer=1",
    ]);
    expect(upstreamHeader(r, "x-grpc-status")).toBe("0");
    expect(r.trace.filter((e) => e.type === "grpc-call" || e.type === "grpc-close")).toEqual([
      { type: "grpc-call", token: 6, kind: "stream", cluster: "grpc-echo", service: "test.Echo", method: "Say", size: 0, timeoutMs: 0 },
      { type: "grpc-close", token: 6, status: 0, message: "stream" },
    ]);
  });
});

describe("asynchronous gRPC answers", () => {
  /** A promise and the functions that settle it, for answers the test releases when it chooses. */
  function later<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  }

  it("delivers a promised answer once it comes; runStreamAsync waits for it", async () => {
    const answer = later<{ message: string }>();
    const host = await client({ "grpc-echo": { "test.Echo/Say": () => answer.promise } });
    const running = host.runStreamAsync({ request: { headers: { "x-op": "call" } } });
    expect(host.pendingGrpcCalls()).toMatchObject([{ token: 5 }]);
    answer.resolve({ message: "pong" });
    const r = await running;
    expect(line(r.logs, "grpc_receive")).toBe("grpc_receive root=1 token=5 size=4 message=pong metadata_map=2");
    expect(upstreamHeader(r, "x-grpc-answer")).toBe("pong");
    expect(host.pendingGrpcCalls()).toEqual([]);
  });

  it("refuses to run a stream synchronously while a service answers later", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": () => new Promise(() => {}) } });
    expect(() => host.runStream({ request: { headers: { "x-op": "call", "x-timeout": "5" } } })).toThrow(/use runStreamAsync/);
  });

  it("answers every method of a cluster given as one function", async () => {
    const host = await client({ "grpc-echo": async (req) => ({ message: `${req.service}/${req.method}` }) });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-method": "Shout" } } });
    expect(upstreamHeader(r, "x-grpc-answer")).toBe("test.Echo/Shout");
  });

  it("closes with DEADLINE_EXCEEDED when the timeout fires first, aborts the service and drops its late answer", async () => {
    const answer = later<{ message: string }>();
    let signal: AbortSignal | undefined;
    const host = await client({
      "grpc-echo": {
        "test.Echo/Say": (_req, s) => {
          signal = s;
          return answer.promise;
        },
      },
    });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-timeout": "20" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=4 get_status=0/4 message=upstream request timeout buffer=1");
    expect(signal?.aborted).toBe(true);
    answer.resolve({ message: "too late" });
    await host.settle();
    expect(host.trace.filter((e) => e.type === "grpc-receive")).toEqual([]);
    expect(r.logs.filter((l) => l.message.startsWith("grpc_receive"))).toEqual([]);
  });

  it("applies a promised answer's delayMs against the timeout like a canned one", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": async () => ({ message: "late", delayMs: 100 }) } });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-timeout": "100" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=4 get_status=0/4 message=upstream request timeout buffer=1");
  });

  it("closes a call whose answer promise rejects with UNKNOWN and the error's message", async () => {
    const host = await client({ "grpc-echo": { "test.Echo/Say": async () => Promise.reject(new Error("backend exploded")) } });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=2 get_status=0/2 message=backend exploded buffer=1");
  });

  it("delivers a stream's promised answer: metadata, messages, trailers and close", async () => {
    const host = await client({
      "grpc-echo": async (req) => ({
        initialMetadata: [["x-served-by", "async"]],
        messages: req.messages.map((m) => `got-${text(m)}`),
        trailingMetadata: [["x-cost", "2"]],
      }),
    });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "stream" } } });
    expect(r.logs.map((l) => l.message).slice(1)).toEqual([
      "initial_metadata token=6 headers=1 x-served-by=async",
      "grpc_receive root=1 token=6 size=5 message=got-a metadata_map=2",
      "grpc_receive root=1 token=6 size=6 message=got-bc metadata_map=2",
      "trailing_metadata token=6 trailers=1 x-cost=2",
      "grpc_close token=6 code=0 get_status=0/0 message= buffer=1",
    ]);
  });
});
