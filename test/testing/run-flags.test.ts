import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pluginConfigFlag, requestLine, streamSpecFromFlags } from "../../compiler/testing/index.js";
import { tempDir } from "../support/cli.js";

describe("filterc run flags", () => {
  it("reads a request line as method and path, or method and URL", () => {
    expect(requestLine("GET /admin")).toEqual({ method: "GET", path: "/admin" });
    expect(requestLine("/x?y=1")).toEqual({ method: "GET", path: "/x?y=1" });
    expect(requestLine("POST https://shop.example:8443/cart?id=3")).toEqual({ method: "POST", path: "/cart?id=3", authority: "shop.example:8443", scheme: "https" });
    expect(() => requestLine("GET /a extra")).toThrow('--request takes "METHOD PATH" or "METHOD URL", e.g. "GET /admin", not "GET /a extra"');
    expect(() => requestLine("GET admin")).toThrow('--request: "admin" is neither a path starting with / nor a URL');
    expect(() => requestLine("GET ftp://x/")).toThrow("--request: the URL must be http or https, not ftp");
  });

  it("builds the stream from headers, addresses, mTLS and the upstream's answer", () => {
    expect(
      streamSpecFromFlags({
        request: "GET /admin",
        headers: ["X-Token: abc", "cookie: a=1: b"],
        source: "2001:db8::1",
        destination: "8443",
        principal: "spiffe://td/ns/a/sa/b",
        responseStatus: "503",
        responseHeaders: ["server: envoy"],
      }),
    ).toEqual({
      request: { method: "GET", path: "/admin", headers: [["x-token", "abc"], ["cookie", "a=1: b"]], body: undefined },
      source: "[2001:db8::1]:51000",
      destination: "127.0.0.1:8443",
      connection: { mtls: true, uriSanPeerCertificate: "spiffe://td/ns/a/sa/b" },
      response: { status: 503, headers: [["server", "envoy"]], body: undefined },
    });
    expect(() => streamSpecFromFlags({ headers: ["no colon"] })).toThrow('-H takes "name: value", e.g. "x-token: abc", not "no colon"');
    expect(() => streamSpecFromFlags({ source: "10.0.0.1/8" })).toThrow("--source takes an IP or IP:port ([2001:db8::1]:443 for IPv6), not 10.0.0.1/8: it is a range; give a single address");
    expect(() => streamSpecFromFlags({ responseStatus: "99" })).toThrow("--response-status takes a status from 100 to 599, not 99");
  });

  it("takes the plugin configuration as JSON text, a JSON file or a YAML file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), '{"a": 1}');
    writeFileSync(join(dir, "config.yaml"), "admin_networks:\n  - 10.0.0.0/8\n");
    expect(pluginConfigFlag('{"a":1}')).toBe('{"a":1}');
    expect(pluginConfigFlag(join(dir, "config.json"))).toBe('{"a": 1}');
    expect(JSON.parse(pluginConfigFlag(join(dir, "config.yaml")))).toEqual({ admin_networks: ["10.0.0.0/8"] });
    expect(pluginConfigFlag(undefined)).toBe("");
    expect(() => pluginConfigFlag("{admin")).toThrow("--plugin-config takes a file or JSON text");
  });
});
