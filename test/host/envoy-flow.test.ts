// How Envoy drives one stream where host/ once differed from it: partial body edits, ContinueAndEndStream from a
// headers callback, the order at stream end, a context first created at log time, body buffer limits and
// allow_on_headers_stop_iteration. The filter is host/testdata/envoy-flow.ts.

import { beforeAll, describe, expect, it } from "vitest";
import { loadHost, type HostOptions, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, line, text } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("envoy-flow");
});

function flow(options: HostOptions = {}): Promise<ProxyWasmHost> {
  return loadHost(wasm, options);
}

const messages = (logs: ReadonlyArray<{ message: string }>): string[] => logs.map((l) => l.message);

describe("partial body edits (Envoy's Buffer::copyFrom)", () => {
  it("drains the given length from the front and prepends the data", async () => {
    const host = await flow();
    const replaced = host.runStream({ request: { headers: { "x-op": "replace-first" }, body: "hello" } });
    expect(line(replaced.logs, "edit")).toBe("edit st=0 body=Jello");
    expect(text(replaced.upstreamRequest!.body)).toBe("Jello");
    const removed = host.runStream({ request: { headers: { "x-op": "remove-first" }, body: "hello" } });
    expect(line(removed.logs, "edit")).toBe("edit st=0 body=ello");
    expect(text(removed.upstreamRequest!.body)).toBe("ello");
  });

  it("appends when the start is the body's size", async () => {
    const host = await flow();
    const r = host.runStream({ request: { headers: { "x-op": "append-at-end" }, body: "hello" } });
    expect(line(r.logs, "edit")).toBe("edit st=0 body=hello!");
    expect(text(r.upstreamRequest!.body)).toBe("hello!");
  });
});

describe("ContinueAndEndStream from a headers callback", () => {
  it("is Continue: the body and trailers still reach the filter and the upstream", async () => {
    const host = await flow();
    const r = host.runStream({ request: { headers: { "x-op": "end-stream" }, body: "payload", trailers: [["x-t", "1"]] } });
    expect(line(r.logs, "request_body")).toBe("request_body 2 size=7 eos=0 headers=2");
    expect(line(r.logs, "request_trailers")).toBe("request_trailers 2 n=1");
    expect(text(r.upstreamRequest!.body)).toBe("payload");
    expect(r.upstreamRequest!.trailers).toEqual([["x-t", "1"]]);
    expect(r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers")).toMatchObject({ action: "Continue" });
  });
});

describe("the end of a stream", () => {
  it("logs first, then destroys the filter: proxy_on_log, proxy_on_done, proxy_on_delete", async () => {
    const host = await flow();
    const r = host.runStream();
    expect(messages(r.logs).slice(-3)).toEqual(["log 2 status=200", "done 2", "delete 2"]);
  });

  it("creates the context at log time for a request refused before the filter, then runs log, done, delete", async () => {
    const host = await flow();
    const r = host.runStream({ refused: { status: 431 } });
    expect(messages(r.logs)).toEqual(["create 2", "log 2 status=431", "done 2", "delete 2"]);
    expect(r.response).toMatchObject({ status: 431, local: true });
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.trace.filter((e) => e.type === "callback").map((e) => (e as { name: string }).name)).toEqual([
      "proxy_on_context_create",
      "proxy_on_log",
      "proxy_on_done",
      "proxy_on_delete",
    ]);
  });
});

describe("body buffer limits (per_connection_buffer_limit_bytes)", () => {
  it("answers 413 when a buffered request body passes the limit; the filter never sees that chunk", async () => {
    const host = await flow({ bufferLimitBytes: 8 });
    const stream = host.openStream({ request: { headers: { "x-op": "buffer" } } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("aaaa", false);
    stream.requestBody("bbbb", false);
    stream.requestBody("cc", true);
    const r = stream.close();
    expect(messages(r.logs).filter((m) => m.startsWith("request_body"))).toEqual([
      "request_body 2 size=4 eos=0 headers=2",
      "request_body 2 size=8 eos=0 headers=2",
    ]);
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.response).toMatchObject({ status: 413, local: true, details: "request_payload_too_large" });
    expect(text(r.response.body)).toBe("Payload Too Large");
    expect(r.localResponse).toBeUndefined();
    // The proxy's reply goes through the filter's response callbacks.
    expect(line(r.logs, "response_headers")).toBe("response_headers 2 status=413");
  });

  it("applies 1 MiB by default", async () => {
    const host = await flow();
    const fits = host.runStream({ request: { headers: { "x-op": "buffer" }, body: "x".repeat(1024 * 1024) } });
    expect(fits.upstreamRequest!.body.length).toBe(1024 * 1024);
    const stream = host.openStream({ request: { headers: { "x-op": "buffer" } } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("x".repeat(1024 * 1024), false);
    stream.requestBody("y", true);
    expect(stream.close().response.status).toBe(413);
  });

  it("does not limit StopIterationAndWatermark", async () => {
    const host = await flow({ bufferLimitBytes: 8 });
    const stream = host.openStream({ request: { headers: { "x-op": "watermark" } } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("aaaaaaaa", false);
    stream.requestBody("bbbbbbbb", true);
    const r = stream.close();
    expect(text(r.upstreamRequest!.body)).toBe("aaaaaaaabbbbbbbb");
    expect(r.response.status).toBe(200);
  });

  it("answers 500 for a response body buffered past the limit while its headers are held", async () => {
    const host = await flow({ bufferLimitBytes: 4, allowOnHeadersStopIteration: true });
    const stream = host.openStream({ request: { headers: { "x-op": "hold-response" } } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("abc", false);
    stream.responseBody("def", true);
    const r = stream.close();
    expect(messages(r.logs).filter((m) => m.startsWith("response_body"))).toEqual(["response_body 2 size=3 eos=0"]);
    expect(r.response).toMatchObject({ status: 500, local: true, details: "response_payload_too_large" });
    expect(text(r.response.body)).toBe("Internal Server Error");
  });

  it("resets the stream when the response headers have already gone to the client", async () => {
    const host = await flow({ bufferLimitBytes: 4 });
    const stream = host.openStream({ request: { headers: { "x-op": "buffer-response" } } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("abc", false);
    stream.responseBody("def", true);
    const r = stream.close();
    expect(r.response).toMatchObject({ status: 200, reset: true, details: "response_payload_too_large" });
  });
});

describe("allow_on_headers_stop_iteration", () => {
  it("off (Envoy's default): StopIteration from the headers holds the body as well", async () => {
    const host = await flow();
    const r = host.runStream({ request: { headers: { "x-op": "stop-headers" }, body: "payload" } });
    expect(line(r.logs, "request_body")).toBeUndefined();
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.paused).toBe(true);
  });

  it("on: the headers wait while the body callbacks run, and go upstream when the body continues", async () => {
    const host = await flow({ allowOnHeadersStopIteration: true });
    const stream = host.openStream({ request: { headers: { "x-op": "stop-headers" } } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("pay", false);
    expect(stream.requestComplete).toBe(false);
    stream.requestBody("load", true);
    const r = stream.close();
    expect(messages(r.logs).filter((m) => m.startsWith("request_body"))).toEqual([
      "request_body 2 size=3 eos=0 headers=reachable",
      "request_body 2 size=7 eos=1 headers=reachable",
    ]);
    expect(text(r.upstreamRequest!.body)).toBe("payload");
    expect(r.response.status).toBe(200);
  });
});
