import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../host/index.js";
import { formatTrace } from "../../compiler/testing/index.js";
import { describeHostCall } from "../../compiler/testing/trace/call-signatures.js";
import { TRACED_TEXT_LIMIT } from "../../host/call-parameters.js";
import { hostFor } from "../support/compile.js";

describe("trace printing", () => {
  it("names host-call arguments, pairs pointers with sizes and leaves out return pointers", () => {
    expect(describeHostCall("proxy_get_header_map_value", [0, 296, 5, 128, 132])).toBe("proxy_get_header_map_value(request_headers, key @296+5)");
    expect(describeHostCall("proxy_log", [3, 512, 37])).toBe("proxy_log(warn, message @512+37)");
    expect(describeHostCall("proxy_increment_metric", [16, 1n])).toBe("proxy_increment_metric(metric 16, delta 1)");
    expect(describeHostCall("proxy_send_local_response", [403, 1, 2, 3, 4, 0, 0, -1])).toBe("proxy_send_local_response(status 403, details @1+2, body @3+4, headers @0+0, grpc_status -1)");
    expect(describeHostCall("env_custom", [1, 2])).toBe("env_custom(1, 2)");
  });

  it("shows the text a pointer argument held when the trace recorded it, property paths dotted", () => {
    expect(describeHostCall("proxy_get_header_map_value", [0, 296, 5, 128, 132], { 1: ":path" })).toBe('proxy_get_header_map_value(request_headers, key ":path")');
    expect(describeHostCall("proxy_get_property", [40, 14, 8, 12], { 0: "source\0address" })).toBe('proxy_get_property(path "source.address")');
    expect(describeHostCall("proxy_log", [2, 512, 3], { 1: 'a"\n' })).toBe('proxy_log(info, message "a\\"\\n")');
  });

  it("nests host calls under callbacks and their effects under the calls", () => {
    const events: TraceEvent[] = [
      { type: "callback", name: "proxy_on_request_headers", contextId: 2, args: [2, 6, 1], result: 1, action: "StopAllIterationAndWatermark" },
      { type: "hostcall", name: "proxy_log", args: [3, 512, 12], result: 0, status: "Ok" },
      { type: "log", level: 3, message: "refused\nsecond line", contextId: 2 },
      { type: "hostcall", name: "proxy_replace_header_map_value", args: [0, 1, 2, 3, 4], result: 0, status: "Ok" },
      { type: "headers", map: "request_headers", op: "replace", key: "x-a", value: "b" },
      { type: "local-response", status: 403, details: "filterc_admin", body: "no\n", headers: [["x-why", "admin"]], grpcStatus: -1 },
      { type: "stream", action: "respond", detail: "403" },
      { type: "callback", name: "proxy_on_delete", contextId: 2, args: [2] },
    ];
    expect(formatTrace(events)).toEqual([
      "proxy_on_request_headers(context 2, headers 6, end_of_stream 1) -> StopAllIterationAndWatermark",
      "  proxy_log(warn, message @512+12) -> Ok",
      "    log warn: refused",
      "      second line",
      "  proxy_replace_header_map_value(request_headers, key @1+2, value @3+4) -> Ok",
      '    request_headers: set x-a = "b"',
      '    local reply 403 "no\\n", details filterc_admin, headers x-why: admin',
      "== response 403 sent to the client",
      "proxy_on_delete(context 2)",
    ]);
  });
});

describe("traced host calls", () => {
  it("record the text of keys, values, paths and messages as the guest passed them, cut at a limit", async () => {
    const long = "v".repeat(TRACED_TEXT_LIMIT + 50);
    const host = await hostFor(`on request_headers when source.address in ["10.0.0.0/8"] {
  set "x-long" = "${long}"
  log info "from \${source.address}"
}`, { trace: true });
    const result = host.runStream({ source: "10.1.2.3:4000" });
    const calls = result.trace.flatMap((e) => (e.type === "hostcall" ? [[e.name, e.texts]] : []));
    expect(calls).toEqual([
      ["proxy_get_property", { 0: "source\0address" }],
      ["proxy_replace_header_map_value", { 1: "x-long", 3: `${"v".repeat(TRACED_TEXT_LIMIT)}... (${TRACED_TEXT_LIMIT + 50} bytes)` }],
      ["proxy_log", { 1: "from 10.1.2.3" }],
    ]);
    // What the host call did is still recorded whole, under it.
    expect(result.trace).toContainEqual({ type: "headers", map: "request_headers", op: "replace", key: "x-long", value: long });
  });
});
