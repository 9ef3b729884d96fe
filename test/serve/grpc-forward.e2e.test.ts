// serve/grpc-forward.ts against real gRPC servers on loopback: the filter (host/testdata/grpc-client.ts) makes calls
// and streams through the raw ABI; a grpc-js server answers them over HTTP/2.

import {
  Metadata, Server, ServerCredentials, status as GrpcCode,
  type sendUnaryData, type ServerDuplexStream, type ServerUnaryCall, type ServiceDefinition, type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHost, type GrpcClusterSpec, type ProxyWasmHost } from "../../host/index.js";
import { parseClusterFlag } from "../../serve/cluster-flag.js";
import { grpcForwarder, type GrpcForwarder } from "../../serve/grpc-forward.js";
import { compileFilter, line, text } from "../host/helpers.js";
import { rateLimitService } from "../support/envoy-protos.js";

let wasm: Uint8Array;
const servers: Server[] = [];
const forwarders: GrpcForwarder[] = [];

beforeAll(async () => {
  wasm = await compileFilter("grpc-client");
});

afterAll(() => {
  for (const forwarder of forwarders) forwarder.close();
  for (const server of servers) server.forceShutdown();
});

const bytes = (b: Buffer): Buffer => b;

/** A method whose handlers see and send raw bytes. */
function rawMethod(path: string, stream: boolean) {
  return { path, requestStream: stream, responseStream: stream, requestSerialize: bytes, requestDeserialize: bytes, responseSerialize: bytes, responseDeserialize: bytes };
}

async function serve(definition: ServiceDefinition, implementation: UntypedServiceImplementation): Promise<number> {
  const server = new Server();
  server.addService(definition, implementation);
  servers.push(server);
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
  );
}

/** A host whose cluster "grpc-echo" forwards to the server on `port`, as `--cluster grpc-echo=grpc://…` sets up. */
function hostFor(port: number): Promise<ProxyWasmHost> {
  const forwarder = grpcForwarder(parseClusterFlag(`grpc-echo=grpc://127.0.0.1:${port}`));
  forwarders.push(forwarder);
  const grpcClusters: Record<string, GrpcClusterSpec> = { "grpc-echo": forwarder.spec };
  return loadHost(wasm, { grpcClusters });
}

const upstreamHeader = (r: { upstreamRequest?: { headers: Array<[string, string]> } }, name: string): string | undefined =>
  r.upstreamRequest?.headers.find(([k]) => k === name)?.[1];

describe("forwarding proxy_grpc_call to a real server", () => {
  let port: number;
  let holdCancelled: Promise<void>;
  let sawDeadline: boolean | undefined;
  beforeAll(async () => {
    let cancelled!: () => void;
    holdCancelled = new Promise((resolve) => (cancelled = resolve));
    const definition = { Say: rawMethod("/test.Echo/Say", false), Deny: rawMethod("/test.Echo/Deny", false), Hold: rawMethod("/test.Echo/Hold", false) };
    port = await serve(definition, {
      Say: (call: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        sawDeadline = Number.isFinite(call.getDeadline().valueOf());
        done(null, Buffer.concat([Buffer.from("pong:"), call.request, Buffer.from(`:${call.metadata.get("x-caller").join(",")}`)]));
      },
      Deny: (_call: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => done({ code: GrpcCode.PERMISSION_DENIED, details: "not allowed" }),
      // Never answers; tells the test when the client gives up.
      Hold: (call: ServerUnaryCall<Buffer, Buffer>) => call.on("cancelled", () => cancelled()),
    });
  });

  it("sends the filter's message and metadata unchanged and delivers the server's bytes, with the timeout as deadline", async () => {
    const host = await hostFor(port);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_receive")).toBe("grpc_receive root=1 token=5 size=15 message=pong:ping:probe metadata_map=2");
    expect(upstreamHeader(r, "x-grpc-answer")).toBe("pong:ping:probe");
    expect(sawDeadline).toBe(true);
    expect(host.pendingGrpcCalls()).toEqual([]);
  });

  it("maps an error status and its message to proxy_on_grpc_close and proxy_get_status", async () => {
    const host = await hostFor(port);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-method": "Deny" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=7 get_status=0/7 message=not allowed buffer=1");
    expect(upstreamHeader(r, "x-grpc-status")).toBe("7");
  });

  it("passes on the server's UNIMPLEMENTED for a method it does not have", async () => {
    const host = await hostFor(port);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-method": "Shout" } } });
    expect(line(r.logs, "grpc_close")).toMatch(/^grpc_close token=5 code=12 get_status=0\/12 /);
  });

  it("closes with DEADLINE_EXCEEDED when the server does not answer in time, and cancels the call on the server", async () => {
    const host = await hostFor(port);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call", "x-method": "Hold", "x-timeout": "50" } } });
    expect(line(r.logs, "grpc_close")).toBe("grpc_close token=5 code=4 get_status=0/4 message=upstream request timeout buffer=1");
    await holdCancelled;
  });

  it("answers UNAVAILABLE when nothing listens on the cluster's port", async () => {
    const server = new Server();
    const freePort = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
    );
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    const host = await hostFor(freePort);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_close")).toMatch(/^grpc_close token=5 code=14 get_status=0\/14 message=\S/);
  });

  it("answers UNAVAILABLE once the forwarder is closed", async () => {
    const forwarder = grpcForwarder(parseClusterFlag(`grpc-echo=grpc://127.0.0.1:${port}`));
    forwarder.close();
    const host = await loadHost(wasm, { grpcClusters: { "grpc-echo": forwarder.spec } });
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "call" } } });
    expect(line(r.logs, "grpc_close")).toMatch(/^grpc_close token=5 code=14 get_status=0\/14 message=\S/);
  });
});

describe("forwarding to Envoy's rate limit service (rls.proto)", () => {
  const service = rateLimitService();
  const method = service.ShouldRateLimit!;

  it("a RateLimitRequest the filter encoded reaches the server decoded; its RateLimitResponse comes back as bytes", async () => {
    const requests: unknown[] = [];
    const port = await serve(service, {
      ShouldRateLimit: (call: ServerUnaryCall<{ domain: string }, unknown>, done: sendUnaryData<unknown>) => {
        requests.push(call.request);
        done(null, { overall_code: call.request.domain === "filterc" ? "OVER_LIMIT" : "OK" });
      },
    });
    const host = await hostFor(port);
    const message = method.requestSerialize({ domain: "filterc", descriptors: [{ entries: [{ key: "path", value: "/x" }] }], hits_addend: 1 });
    const r = await host.runStreamAsync({
      request: {
        headers: { "x-op": "call", "x-grpc-service": "envoy.service.ratelimit.v3.RateLimitService", "x-method": "ShouldRateLimit", "x-message-hex": message.toString("hex") },
      },
    });
    expect(requests).toEqual([{ domain: "filterc", descriptors: [{ entries: [{ key: "path", value: "/x" }] }], hits_addend: 1 }]);
    const expected = method.responseSerialize({ overall_code: "OVER_LIMIT" });
    expect([...expected]).toEqual([8, 2]);
    expect(line(r.logs, "grpc_receive")).toBe(`grpc_receive root=1 token=5 size=2 message=${text(expected)} metadata_map=2`);
  });
});

describe("forwarding proxy_grpc_stream to a real server", () => {
  it("sends the filter's messages and metadata; delivers initial metadata, messages, trailers and status", async () => {
    const port = await serve({ Say: rawMethod("/test.Echo/Say", true) }, {
      Say: (call: ServerDuplexStream<Buffer, Buffer>) => {
        const initial = new Metadata();
        initial.set("x-served-by", `echo-for-${call.metadata.get("x-caller").join(",")}`);
        call.sendMetadata(initial);
        const got: Buffer[] = [];
        call.on("data", (m: Buffer) => got.push(m));
        call.on("end", () => {
          for (const m of got) call.write(Buffer.concat([Buffer.from("got-"), m]));
          const trailers = new Metadata();
          trailers.set("x-cost", String(got.length));
          call.end(trailers);
        });
      },
    });
    const host = await hostFor(port);
    const r = await host.runStreamAsync({ request: { headers: { "x-op": "stream" } } });
    expect(r.logs.map((l) => l.message)).toEqual([
      "grpc_stream st=0 token=6 send=0,0",
      // content-type and date come with the server's headers, as Envoy hands a filter all of them.
      "initial_metadata token=6 headers=3 x-served-by=echo-for-probe",
      "grpc_receive root=1 token=6 size=5 message=got-a metadata_map=2",
      "grpc_receive root=1 token=6 size=6 message=got-bc metadata_map=2",
      "trailing_metadata token=6 trailers=1 x-cost=2",
      // grpc-js servers send grpc-message "OK" with status 0.
      "grpc_close token=6 code=0 get_status=0/0 message=OK buffer=1",
    ]);
  });
});

describe("metadata the forwarder sends", () => {
  const request = (initialMetadata: Array<[string, string]>) =>
    ({ kind: "call", cluster: "c", service: "test.Echo", method: "Meta", initialMetadata, messages: [new Uint8Array([1])], timeoutMs: 0 }) as const;

  it("base64-decodes -bin values for the wire and encodes the server's back", async () => {
    const port = await serve({ Meta: rawMethod("/test.Echo/Meta", false) }, {
      Meta: (call: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        const initial = new Metadata();
        initial.set("x-echo-bin", Buffer.concat([call.metadata.get("x-id-bin")[0] as Buffer, Buffer.from([0xff])]));
        call.sendMetadata(initial);
        done(null, call.metadata.get("x-id-bin")[0] as Buffer);
      },
    });
    const forwarder = grpcForwarder(parseClusterFlag(`c=grpc://127.0.0.1:${port}`));
    forwarders.push(forwarder);
    const answer = await forwarder.spec(request([["x-id-bin", Buffer.from([0, 1, 2]).toString("base64")]]), new AbortController().signal);
    if (answer === "no-answer") throw new Error("the forwarder always answers");
    expect(answer.status).toBe(0);
    expect(answer.messages?.map((m) => [...(m as Uint8Array)])).toEqual([[0, 1, 2]]);
    expect(answer.initialMetadata?.find(([k]) => k === "x-echo-bin")).toEqual(["x-echo-bin", Buffer.from([0, 1, 2, 0xff]).toString("base64")]);
  });

  it("fails the call with INTERNAL, naming the problem, when grpc-js cannot send a key", async () => {
    const forwarder = grpcForwarder({ authority: "127.0.0.1:1" });
    forwarders.push(forwarder);
    const answer = await forwarder.spec(request([["bad key", "v"]]), new AbortController().signal);
    expect(answer).toMatchObject({ status: 13, statusMessage: expect.stringMatching(/^initial metadata not sendable: .*bad key/) });
  });
});
