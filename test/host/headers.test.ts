import { beforeAll, describe, expect, it } from "vitest";
import { encodePairs, loadHost, type ProxyWasmHost } from "../../host/index.js";
import { compileFilter, line } from "./helpers.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileFilter("probe");
});

async function probe(): Promise<ProxyWasmHost> {
  return loadHost(wasm, { pluginConfig: "probe" });
}

describe("header maps", () => {
  it("serializes the request map to the guest in the exact pairs format", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "pairs-hex" } } });
    const expected = [
      [":method", "GET"],
      [":path", "/"],
      [":authority", "example.com"],
      [":scheme", "http"],
      ["x-op", "pairs-hex"],
      ["x-request-id", "00000000-0000-4000-8000-000000000001"],
    ];
    expect(r.upstreamRequest?.headers).toEqual(expected);
    expect(line(r.logs, "pairs")).toBe(`pairs st=0 hex=${hex(encodePairs(expected as Array<[string, string]>))}`);
  });

  it("replaces the whole map from guest pairs, lower-casing keys; malformed pairs wipe it", async () => {
    const host = await probe();
    const pairs = encodePairs([
      [":method", "POST"],
      [":path", "/new"],
      [":authority", "h"],
      [":scheme", "https"],
      ["X-A", "1"],
    ]);
    const ok = host.runStream({ request: { headers: { "x-op": "set-pairs", "x-pairs-hex": hex(pairs) } } });
    expect(line(ok.logs, "set_pairs")).toBe("set_pairs st=0");
    expect(ok.upstreamRequest?.headers).toEqual([
      [":method", "POST"],
      [":path", "/new"],
      [":authority", "h"],
      [":scheme", "https"],
      ["x-a", "1"],
    ]);
    const truncated = hex(pairs.slice(0, pairs.length - 2));
    const bad = host.runStream({ request: { headers: { "x-op": "set-pairs", "x-pairs-hex": truncated } } });
    expect(line(bad.logs, "set_pairs")).toBe("set_pairs st=0");
    expect(bad.upstreamRequest?.headers).toEqual([]);
  });

  it("reads values: first of repeated, NotFound, empty as pointer 0 / size 0, bad map and memory", async () => {
    const host = await probe();
    const r = host.runStream({
      request: {
        headers: [
          ["x-op", "get-values"],
          ["X-Dup", "1"],
          ["x-dup", "2"],
          ["x-empty", ""],
        ],
      },
    });
    expect(line(r.logs, "values")).toBe("values first=1 missing=1 empty=0/0/0 bad_map=2 bad_mem=6");
  });

  it("answers size queries only for reachable maps; pairs of an unreachable map are Ok and empty", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "sizes" } } });
    const headers = r.upstreamRequest!.headers;
    const byteSize = headers.reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(line(r.logs, "sizes")).toBe(`sizes req=0/${byteSize} resp=2 trailers=2 call=2 bad=2`);
    expect(line(r.logs, "resp_pairs")).toBe("resp_pairs st=0 ptr=0 size=0");
  });

  it("applies add/replace/remove so the upstream sees the final map (Envoy's ordering)", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "mutate", "x-rep": "r1", "x-del": "gone" } } });
    expect(line(r.logs, "mutate")).toBe("mutate add=0 replace=0 remove=0 path=0 resp_add=2 remove_absent=0");
    expect(r.upstreamRequest?.headers).toEqual([
      [":method", "GET"],
      [":authority", "example.com"],
      [":scheme", "http"],
      [":path", "/rewritten"],
      ["x-op", "mutate"],
      ["x-request-id", "00000000-0000-4000-8000-000000000001"],
      ["x-new", "1"],
      ["x-rep", "r2"],
    ]);
    // The filter's response callback added x-probe to what the client got.
    expect(r.response.headers).toEqual([
      [":status", "200"],
      ["x-probe", "mutate"],
    ]);
  });

  it("keeps each map to its own callbacks: request map gone in response and body callbacks", async () => {
    const host = await probe();
    const resp = host.runStream({ request: { headers: { "x-op": "req-in-resp" } } });
    expect(line(resp.logs, "req_in_resp")).toBe("req_in_resp=2");
    const body = host.runStream({ request: { headers: { "x-op": "body-replace" }, body: "original" } });
    // After proxy_on_request_headers returned Continue, Envoy has dropped its request-headers pointer.
    expect(line(body.logs, "body set")).toBe("body set=0 headers=2");
  });

  it("lets proxy_on_log read the final maps but not change them", async () => {
    const host = await probe();
    const r = host.runStream({ request: { headers: { "x-op": "mutate" } }, response: { status: 404 } });
    expect(line(r.logs, "log ")).toBe("log 2 path=/rewritten status=404 add=2 code=9401000000000000");
  });

  it("lets a paused stream's headers be changed from an HTTP-call response via the effective context", async () => {
    const host = await loadHost(wasm, {
      clusters: { auth: () => ({ headers: [[":status", "200"]], body: "ok", trailers: [["x-trailer", "t1"]] }) },
    });
    const r = host.runStream({ request: { headers: { "x-op": "pause-call" } } });
    expect(line(r.logs, "http_call")).toBe("http_call st=0 token=4");
    expect(line(r.logs, "call_response")).toBe("call_response root=1 token=4 headers=1 body=2 trailers=1");
    expect(line(r.logs, "call ok")).toBe("call ok status=200 body=ok trailer=t1 add6=2");
    expect(line(r.logs, "resumed")).toBe("resumed before=2 eff=0 after=0 continue=0");
    expect(r.upstreamRequest?.headers).toContainEqual(["x-auth-status", "200"]);
    expect(r.paused).toBe(false);
    expect(r.response.status).toBe(200);
  });
});
