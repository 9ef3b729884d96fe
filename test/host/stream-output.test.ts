// What a live proxy (filterc serve) reads of a stream driven step by step: the output the filter has passed on
// so far, in each direction, taken as it appears; the router's reply for a failed upstream; metrics shared by
// the hosts of one SharedState, as Envoy's stats store is shared by its workers.

import { beforeAll, describe, expect, it } from "vitest";
import { loadHost, SharedState } from "../../host/index.js";
import { compileFilter, text } from "./helpers.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("probe");
});

const REQUEST: [string, string][] = [
  [":method", "POST"],
  [":path", "/x"],
  [":authority", "a.example"],
  [":scheme", "http"],
];

describe("a stream's output, taken as it is passed on", () => {
  it("hands out the request headers once, then each body chunk, then the end; the response likewise", async () => {
    const host = await loadHost(wasm);
    const stream = host.openStream({}, false);
    expect(stream.takeUpstreamOutput()).toEqual({ headers: undefined, chunks: [], ended: false });
    stream.requestHeaders(REQUEST, false);
    expect(stream.takeUpstreamOutput()).toEqual({ headers: REQUEST, chunks: [], ended: false });
    stream.requestBody("ab", false);
    stream.requestBody("cd", false);
    const body = stream.takeUpstreamOutput();
    expect([body.headers, body.chunks.map(text), body.ended]).toEqual([undefined, ["ab", "cd"], false]);
    stream.requestBody("", true);
    expect(stream.takeUpstreamOutput()).toEqual({ headers: undefined, chunks: [], ended: true });
    expect(stream.takeClientOutput()).toEqual({ headers: undefined, chunks: [], ended: false });

    stream.responseHeaders({ status: 200, headers: [["content-type", "text/plain"]] }, false);
    // The probe filter adds x-probe to every response.
    expect(stream.takeClientOutput().headers).toEqual([
      [":status", "200"],
      ["content-type", "text/plain"],
      ["x-probe", "none"],
    ]);
    stream.responseBody("hello", true);
    const rest = stream.takeClientOutput();
    expect([rest.chunks.map(text), rest.ended]).toEqual([["hello"], true]);
    expect(stream.close().response).toMatchObject({ status: 200, local: false });
  });

  it("passes the router's reply for a failed upstream through the filter's response callbacks", async () => {
    const host = await loadHost(wasm);
    const stream = host.openStream({}, false);
    stream.requestHeaders(REQUEST, true);
    expect(stream.takeUpstreamOutput().ended).toBe(true);
    stream.upstreamFailed(503, "no upstream", "upstream_reset_before_response_started{connection_failure}");
    const out = stream.takeClientOutput();
    expect(out.headers?.[0]).toEqual([":status", "503"]);
    expect(out.headers).toContainEqual(["x-probe", "none"]);
    expect([out.chunks.map(text).join(""), out.ended, stream.resetReason]).toEqual(["no upstream", true, undefined]);
    expect(stream.close().response).toMatchObject({ status: 503, local: true, details: "upstream_reset_before_response_started{connection_failure}" });
  });

  it("shares metrics between the hosts of one SharedState, and keeps them apart otherwise", async () => {
    const shared = new SharedState();
    const a = await loadHost(wasm, { shared });
    const b = await loadHost(wasm, { shared });
    const alone = await loadHost(wasm);
    for (const host of [a, b, alone]) host.runStream({ request: { headers: { "x-op": "metrics" } } });
    expect(a.metrics().get("requests_total")?.value).toBe(4n);
    expect(b.metrics().get("requests_total")?.value).toBe(4n);
    expect(alone.metrics().get("requests_total")?.value).toBe(2n);
  });
});
