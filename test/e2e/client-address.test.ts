import { describe, expect, it } from "vitest";
import { interpret } from "../reference/interpreter.js";
import { exchangeOf } from "../reference/model.js";
import { header, hostFor } from "../support/compile.js";

const rules = [
  'on request_headers set "x-client" = "[${client.address}]"',
  'on request_headers when client.address in ["10.0.0.0/8", "2001:db8::/32"] set "x-internal" = "1"',
  // Read again in the response phase, from the captured x-forwarded-for.
  'on response_headers set "x-client" = "[${client.address}]"',
].join("\n");

const PEER = "192.0.2.7";

/** [x-forwarded-for (undefined: none), hops, client.address ("" when absent)] */
const CASES: Array<[string | undefined, number, string]> = [
  ["10.1.1.1, 10.2.2.2", 0, PEER],
  ["10.1.1.1, 10.2.2.2", 1, "10.2.2.2"],
  ["10.1.1.1, 10.2.2.2", 2, "10.1.1.1"],
  ["10.1.1.1,10.2.2.2,\t172.16.0.1 ", 2, "10.2.2.2"],
  // Fewer entries than hops.
  ["10.2.2.2", 2, ""],
  [undefined, 1, ""],
  // Malformed entries: a name, a port, brackets, an empty entry.
  ["unknown, 10.2.2.2", 2, ""],
  ["10.1.1.1:8080", 1, ""],
  ["[2001:db8::1]", 1, ""],
  ["10.1.1.1,", 1, ""],
  ["", 1, ""],
  // IPv6.
  ["2001:db8::1, 10.2.2.2", 2, "2001:db8::1"],
  ["::ffff:10.9.9.9", 1, "::ffff:10.9.9.9"],
];

function request(xff: string | undefined) {
  return { request: { headers: xff === undefined ? {} : { "x-forwarded-for": xff } }, source: `${PEER}:51000` };
}

describe("client.address", () => {
  for (const [xff, hops, expected] of CASES) {
    const internal = /^(10\.|2001:db8:|::ffff:10\.)/.test(expected);
    it(`is [${expected}] for x-forwarded-for ${JSON.stringify(xff)} with ${hops} trusted hops (filterc.yaml and plugin configuration)`, async () => {
      // The hops compiled in as filterc.yaml's trustedHops would, and the same set by the plugin configuration.
      const compiled = await hostFor(rules, {}, { trustedHops: hops });
      const configured = await hostFor(rules, { pluginConfig: JSON.stringify({ trusted_hops: hops }) });
      for (const host of [compiled, configured]) {
        const result = host.runStream(request(xff));
        expect(header(result.upstreamRequest!.headers, "x-client")).toBe(`[${expected}]`);
        expect(header(result.upstreamRequest!.headers, "x-internal")).toBe(internal ? "1" : undefined);
        expect(header(result.response.headers, "x-client")).toBe(`[${expected}]`);
      }
      const outcome = interpret(
        rules,
        exchangeOf({ request: { headers: [...(xff === undefined ? [] : [["x-forwarded-for", xff] as const]), ["x-request-id", "r"]] }, connection: { sourceIp: PEER } }),
        JSON.stringify({ trusted_hops: hops }),
      );
      expect(outcome.upstream?.find(([k]) => k === "x-client")?.[1]).toBe(`[${expected}]`);
      expect(outcome.upstream?.find(([k]) => k === "x-internal")?.[1]).toBe(internal ? "1" : undefined);
    });
  }

  it("takes the plugin configuration over the compiled default, and goes back to it when the key is gone", async () => {
    const host = await hostFor(rules, { pluginConfig: JSON.stringify({ trusted_hops: 2 }) }, { trustedHops: 1 });
    expect(header(host.runStream(request("10.1.1.1, 10.2.2.2")).upstreamRequest!.headers, "x-client")).toBe("[10.1.1.1]");
    host.reconfigure("{}");
    expect(header(host.runStream(request("10.1.1.1, 10.2.2.2")).upstreamRequest!.headers, "x-client")).toBe("[10.2.2.2]");
  });

  it("keeps the default for a negative or non-integer trusted_hops, warning about the latter", async () => {
    const negative = await hostFor(rules, { pluginConfig: JSON.stringify({ trusted_hops: -1 }) }, { trustedHops: 1 });
    expect(header(negative.runStream(request("10.1.1.1, 10.2.2.2")).upstreamRequest!.headers, "x-client")).toBe("[10.2.2.2]");
    const text = await hostFor(rules, { pluginConfig: JSON.stringify({ trusted_hops: "two" }) }, { trustedHops: 1 });
    expect(header(text.runStream(request("10.1.1.1, 10.2.2.2")).upstreamRequest!.headers, "x-client")).toBe("[10.2.2.2]");
    expect(text.logs.map((l) => l.message).join("\n")).toContain("trusted_hops");
  });

  it("lets a param called trusted_hops keep its key", async () => {
    const host = await hostFor(`param trusted_hops = "x"\n${rules}\non request_headers set "x-param" = trusted_hops`, { pluginConfig: JSON.stringify({ trusted_hops: "y" }) }, { trustedHops: 1 });
    const headers = host.runStream(request("10.1.1.1, 10.2.2.2")).upstreamRequest!.headers;
    expect(header(headers, "x-param")).toBe("y");
    expect(header(headers, "x-client")).toBe("[10.2.2.2]");
  });
});

describe("ip(text)", () => {
  const ipRules = [
    'on request_headers when ip(request.header["x-real-ip"]) in ["10.0.0.0/8", "2001:db8::/32"] set "x-internal" = "1"',
    'on request_headers set "x-ip" = "[${ip(request.header["x-real-ip"])}]"',
    'param nets = ["192.168.0.0/16"]',
    'on request_headers when ip(request.header["x-real-ip"]) in nets set "x-lan" = "1"',
  ].join("\n");
  const cases: Array<[string | undefined, string, boolean, boolean]> = [
    ["10.1.2.3", "10.1.2.3", true, false],
    ["192.168.1.1", "192.168.1.1", false, true],
    ["2001:db8::5", "2001:db8::5", true, false],
    ["10.1.2.3:80", "", false, false],
    ["010.1.2.3", "", false, false],
    ["10.0.0.0/8", "", false, false],
    [" 10.1.2.3", "", false, false],
    ["not an address", "", false, false],
    [undefined, "", false, false],
  ];
  for (const [value, text, internal, lan] of cases) {
    it(`${JSON.stringify(value)} is [${text}]${internal ? ", internal" : ""}${lan ? ", lan" : ""}`, async () => {
      const host = await hostFor(ipRules);
      const headers = host.runStream({ request: { headers: value === undefined ? {} : { "x-real-ip": value } } }).upstreamRequest!.headers;
      expect(header(headers, "x-ip")).toBe(`[${text}]`);
      expect(header(headers, "x-internal")).toBe(internal ? "1" : undefined);
      expect(header(headers, "x-lan")).toBe(lan ? "1" : undefined);
      const outcome = interpret(ipRules, exchangeOf({ request: { headers: [...(value === undefined ? [] : [["x-real-ip", value] as const]), ["x-request-id", "r"]] } }));
      expect(outcome.upstream?.find(([k]) => k === "x-ip")?.[1]).toBe(`[${text}]`);
      expect(outcome.upstream?.find(([k]) => k === "x-internal")?.[1]).toBe(internal ? "1" : undefined);
    });
  }

  it("checks the ranges it is compared with", async () => {
    await expect(hostFor('on request_headers when ip(request.header["x"]) in ["10.0.0.0/33"] deny 403')).rejects.toThrow(/E0\d+/);
  });
});

describe("client.address in response rules", () => {
  it("is decided in the response phase, from the captured x-forwarded-for", async () => {
    const host = await hostFor('on response_headers when client.address in ["10.0.0.0/8"] set "x-internal" = "1"', {}, { trustedHops: 1 });
    expect(header(host.runStream(request("203.0.113.9, 10.2.2.2")).response.headers, "x-internal")).toBe("1");
    expect(header(host.runStream(request("10.2.2.2, 203.0.113.9")).response.headers, "x-internal")).toBeUndefined();
    expect(header(host.runStream(request(undefined)).response.headers, "x-internal")).toBeUndefined();
  });
});
