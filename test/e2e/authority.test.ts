import { describe, expect, it } from "vitest";
import { interpret } from "../reference/interpreter.js";
import { exchangeOf } from "../reference/model.js";
import { header, hostFor } from "../support/compile.js";

const rules = [
  'on request_headers set "x-hostname" = "${request.hostname}"',
  'on request_headers set "x-port" = "${request.port}"',
  'on request_headers when request.port == 443 set "x-tls-port" = "1"',
  // The response phase reads them from the captured request.
  'on response_headers set "x-hostname" = "${request.hostname}"',
  'on response_headers set "x-port" = "${request.port}"',
].join("\n");

/** [authority, scheme, hostname, port ("" when absent)] */
const CASES: Array<[string, string, string, string]> = [
  ["example.com", "http", "example.com", "80"],
  ["example.com", "https", "example.com", "443"],
  ["Shop.Example:8443", "https", "shop.example", "8443"],
  ["example.com:0080", "https", "example.com", "80"],
  ["[::1]:8080", "http", "[::1]", "8080"],
  ["[::1]", "https", "[::1]", "443"],
  ["[2001:DB8::1]:443", "https", "[2001:db8::1]", "443"],
  ["10.0.0.1:9000", "http", "10.0.0.1", "9000"],
  // Not a port: the whole authority is the host, and the port comes from the scheme.
  ["example.com:99999", "http", "example.com:99999", "80"],
  ["example.com:", "https", "example.com:", "443"],
  ["example.com:8x", "http", "example.com:8x", "80"],
  ["example.com", "ftp", "example.com", ""],
];

describe("request.hostname and request.port", () => {
  for (const [authority, scheme, hostname, port] of CASES) {
    it(`${scheme}://${authority} has hostname ${hostname} and port ${port || "absent"}`, async () => {
      const host = await hostFor(rules);
      const result = host.runStream({ request: { authority, scheme } });
      const upstream = result.upstreamRequest!.headers;
      expect(header(upstream, "x-hostname")).toBe(hostname);
      expect(header(upstream, "x-port")).toBe(port);
      expect(header(upstream, "x-tls-port")).toBe(port === "443" ? "1" : undefined);
      expect(header(result.response.headers, "x-hostname")).toBe(hostname);
      expect(header(result.response.headers, "x-port")).toBe(port);
      // The reference interpreter, written from docs/language.md, agrees.
      const outcome = interpret(rules, exchangeOf({ request: { authority, scheme } }));
      expect(outcome.upstream?.find(([k]) => k === "x-hostname")?.[1]).toBe(hostname);
      expect(outcome.upstream?.find(([k]) => k === "x-port")?.[1]).toBe(port);
    });
  }

  it("sees the authority as the request rules left it", async () => {
    const host = await hostFor('on request_headers set ":authority" = "New.Example:81"\non response_headers set "x-seen" = "${request.hostname} ${request.port}"');
    expect(header(host.runStream({ request: { authority: "old.example" } }).response.headers, "x-seen")).toBe("new.example 81");
  });
});
