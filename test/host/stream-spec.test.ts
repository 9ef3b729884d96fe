import { describe, expect, it } from "vitest";
import { HeaderMap } from "../../host/header-map.js";
import { cachedAddress, parseAddress, requestHeaderMap, requestId, responseHeaderMap } from "../../host/stream-spec.js";

// How a StreamSpec becomes Envoy-shaped input, down to the edge cases the per-stream fast paths must keep.
describe("stream spec input", () => {
  it("puts the four request pseudo-headers first: spec fields, else given headers, else defaults", () => {
    const map = requestHeaderMap(
      { path: "/from-spec", headers: [[":PATH", "/given"], [":Authority", "given.host"], ["X-A", "1"], [":extra", "e"], [":extra", "dup"], ["x-b", "2"]] },
      7,
    );
    expect(map.toList()).toEqual([
      [":method", "GET"],
      [":path", "/from-spec"],
      [":authority", "given.host"],
      [":scheme", "http"],
      [":extra", "e"],
      ["x-a", "1"],
      ["x-b", "2"],
      ["x-request-id", "00000000-0000-4000-8000-000000000007"],
    ]);
  });

  it("keeps a given x-request-id (any case) instead of making one", () => {
    const map = requestHeaderMap({ headers: { "X-Request-ID": "mine" } }, 1);
    expect(map.getAll("x-request-id")).toBe("mine");
    expect(requestHeaderMap(undefined, 1).toList().map(([k]) => k)).toEqual([":method", ":path", ":authority", ":scheme", "x-request-id"]);
  });

  it("makes uuid-shaped request ids, growing past twelve hex digits", () => {
    expect(requestId(1)).toBe("00000000-0000-4000-8000-000000000001");
    expect(requestId(0xabcdef)).toBe("00000000-0000-4000-8000-000000abcdef");
    // Either side of where the table of hex groups stops.
    expect(requestId(0x1000)).toBe("00000000-0000-4000-8000-000000001000");
    expect(requestId(0xffffff)).toBe("00000000-0000-4000-8000-000000ffffff");
    expect(requestId(0x1000000)).toBe("00000000-0000-4000-8000-000001000000");
    expect(requestId(2 ** 52)).toBe(`00000000-0000-4000-8000-${(2 ** 52).toString(16)}`);
  });

  it("starts the response with the spec's status and drops a given :status", () => {
    expect(responseHeaderMap(404, { ":status": "200", "Content-Type": "text/plain" }).toList()).toEqual([
      [":status", "404"],
      ["content-type", "text/plain"],
    ]);
  });

  it("adds a late pseudo-header at the end of the pseudo-header block; lists are copies of the entry order", () => {
    const map = new HeaderMap([["a", "1"]]);
    map.add(":z", "z");
    map.add("B", "2");
    map.add(":y", "y");
    const list = map.toList();
    map.replace("a", "3");
    expect(list).toEqual([
      [":z", "z"],
      [":y", "y"],
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(map.get("A")).toBe("3");
  });

  it("parses peer addresses into ip, port and the address attribute's text", () => {
    expect(parseAddress("[2001:db8::7]:50000")).toEqual({ ip: "[2001:db8::7]", port: 50000, text: "[2001:db8::7]:50000" });
    expect(parseAddress("10.0.0.1")).toEqual({ ip: "10.0.0.1", port: 0, text: "10.0.0.1:0" });
    expect(parseAddress("10.0.0.1:x")).toEqual({ ip: "10.0.0.1", port: 0, text: "10.0.0.1:0" });
    expect(cachedAddress("10.0.0.1:80")).toBe(cachedAddress("10.0.0.1:80"));
  });
});
