import { describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { random } from "../regex/support.js";
import { compileText } from "../support/compile.js";

/**
 * Test sets answer many constant tests on one value in one pass (compiler/lower/test-sets.ts). They must not change
 * what any rule does: the same program built with and without them gives the same result for every request,
 * including rules that rewrite or set the very value later rules test, and response rules testing request values.
 */
const program = [
  `rule "old-api" on request_headers when request.path starts_with "/old/" rewrite prefix "/old/" to "/new/"`,
  ...Array.from({ length: 12 }, (_, i) => {
    const ops = [
      `request.path starts_with "/svc-${i}/"`,
      `request.path == "/exact-${i}"`,
      `request.path != "/not-${i}" and request.path ends_with ".${i}"`,
      `request.path contains "-${i}-"`,
      `request.path matches "^/new/v${i}/[0-9]+$"`,
      `request.path matches "(?i)item${i}"`,
    ];
    return `rule "path-${i}" on request_headers when ${ops[i % ops.length]} set "x-path-${i}" = "hit"`;
  }),
  `rule "tenant-default" on request_headers when not exists(request.header["x-tenant"]) set "x-tenant" = "tenant-3"`,
  ...Array.from({ length: 10 }, (_, i) => `rule "tenant-${i}" on request_headers when request.header["x-tenant"] == "tenant-${i}" set "x-pool" = "pool-${i}"`),
  `rule "tenant-move" on request_headers when request.header["x-tenant"] == "tenant-5" set "x-tenant" = "tenant-6"`,
  `rule "tenant-after-move" on request_headers when request.header["x-tenant"] == "tenant-6" set "x-moved" = "yes"`,
  ...Array.from({ length: 9 }, (_, i) => `rule "net-${i}" on request_headers when source.address in ["10.${i}.0.0/16", "2001:db8:${i}::/48", "192.168.1.${i}"] set "x-net-${i}" = "in"`),
  `rule "outside" on request_headers when not (source.address in ["10.0.0.0/8", "10.1.0.0/16"]) set "x-outside" = "yes"`,
  `rule "refuse" on request_headers when request.path == "/refuse" deny 403`,
  ...Array.from({ length: 9 }, (_, i) => `rule "resp-${i}" on response_headers when request.path starts_with "/svc-${i}" or response.header["x-kind"] == "k${i}" set "x-resp-${i}" = "seen"`),
].join("\n");

const paths = [
  "/", "/old/v3/42", "/old/v4/42", "/old/v4/x", "/new/v3/7", "/svc-1/a", "/svc-10/a", "/svc-7", "/exact-1", "/exact-11", "/exact-1/",
  "/x.2", "/not-2", "/a-3-b", "/ITEM5", "/refuse", "/static/app.js", "/svc-3/x.8", "/item10",
];
const tenants = [undefined, "tenant-0", "tenant-5", "tenant-6", "tenant-9", "tenant-10", "TENANT-1"];
const sources = ["10.3.2.1:1", "10.0.0.1:2", "10.1.9.9:3", "192.168.1.4:4", "[2001:db8:2::1]:5", "2001:db8:9::1", "203.0.113.9:6", "not-an-ip"];
const kinds = [undefined, "k0", "k4", "k8", "k9"];

function requests(count: number): StreamSpec[] {
  const next = random(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    const tenant = pick(tenants);
    const kind = pick(kinds);
    return {
      request: { path: pick(paths), headers: tenant === undefined ? {} : { "x-tenant": tenant } },
      response: { headers: kind === undefined ? {} : { "x-kind": kind } },
      source: pick(sources),
    };
  });
}

function outcome(result: StreamResult) {
  return {
    upstream: result.upstreamRequest?.headers,
    response: result.response,
    local: result.localResponse,
    logs: result.logs,
    hostCalls: result.hostCalls,
    trap: result.trap,
  };
}

describe("test sets", () => {
  it("give every request the same result as separate tests, writes between tests included", async () => {
    const source = new Source("sets.fw", program);
    const withSets = await compileRules(source, { testSets: true });
    const without = await compileRules(source, { testSets: false });
    expect(withSets.wasm && without.wasm).toBeTruthy();
    // Five sets: request.path, x-tenant, source.address, and for the response rules the captured request.path
    // and the x-kind response header.
    expect(withSets.assemblyScript!.match(/function testSet\d+Run/g)).toHaveLength(5);
    expect(without.assemblyScript).not.toContain("function testSet");
    const a = await loadHost(withSets.wasm!, { trace: false });
    const b = await loadHost(without.wasm!, { trace: false });
    let acted = 0;
    for (const spec of requests(600)) {
      const expected = outcome(b.runStream(spec));
      expect(outcome(a.runStream(spec)), JSON.stringify(spec)).toEqual(expected);
      if (expected.local !== undefined || expected.upstream?.some(([k]) => k.startsWith("x-") && k !== "x-request-id" && k !== "x-tenant")) acted++;
    }
    // The requests exercise the rules rather than passing through untouched.
    expect(acted).toBeGreaterThan(400);
  });

  it("see a value a rule rewrote: later tests run against the new path and the new header", async () => {
    const host = await loadHost(await compileText(program, "sets.fw"), { trace: false });
    const moved = host.runStream({ request: { path: "/old/v4/42", headers: { "x-tenant": "tenant-5" } } });
    const headers = Object.fromEntries(moved.upstreamRequest!.headers);
    expect(headers[":path"]).toBe("/new/v4/42");
    expect(headers["x-path-4"]).toBe("hit");
    expect(headers["x-pool"]).toBe("pool-5");
    expect(headers["x-tenant"]).toBe("tenant-6");
    expect(headers["x-moved"]).toBe("yes");
  });
});
