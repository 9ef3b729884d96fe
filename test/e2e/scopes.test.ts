import { describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { loadHost } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";

/** `for host`, `for host suffix`, `for path prefix` (docs/language.md, "Scoping rules to hosts and paths"), run in the host. */

type Spec = Parameters<Awaited<ReturnType<typeof hostFor>>["runStream"]>[0];
type Result = Awaited<ReturnType<Awaited<ReturnType<typeof hostFor>>["runStream"]>>;

async function run(rules: string, spec: Spec = {}, pluginConfig?: string): Promise<Result> {
  const host = await hostFor(rules, { pluginConfig, logLevel: 0 });
  return host.runStream(spec);
}

const upstream = (r: Result, name: string) => (r.upstreamRequest === undefined ? undefined : header(r.upstreamRequest.headers, name));
const client = (r: Result, name: string) => header(r.response.headers, name);
const at = (authority: string, path = "/", method = "GET"): Spec => ({ request: { authority, path, method } });

const SITES = `
for host "api.example.com" {
  rule "api" on request_headers set "x-api" = "1"
  for path prefix "/admin/" {
    rule "admin" on request_headers when request.method == "POST" deny 403 else set "x-admin" = "read"
  }
  rule "api-resp" on response_headers set "x-api-resp" = request.path
}
for host suffix ".example.com" {
  rule "zone" on request_headers set "x-zone" = request.hostname
}
rule "everyone" on request_headers set "x-all" = "1"
`;

describe("host and path scopes", () => {
  it("run a host block's rules for that hostname only, whatever its case and port", async () => {
    for (const authority of ["api.example.com", "API.Example.com:8443"]) {
      const r = await run(SITES, at(authority));
      expect(upstream(r, "x-api")).toBe("1");
      expect(upstream(r, "x-all")).toBe("1");
    }
    for (const authority of ["www.api.example.com", "api.example.co", "api.example.com.evil", ""]) {
      const r = await run(SITES, at(authority));
      expect(upstream(r, "x-api")).toBeUndefined();
      expect(upstream(r, "x-all")).toBe("1");
    }
  });

  it("match a suffix at a label boundary only, and not the bare domain", async () => {
    expect(upstream(await run(SITES, at("a.example.com")), "x-zone")).toBe("a.example.com");
    expect(upstream(await run(SITES, at("a.b.example.com:80")), "x-zone")).toBe("a.b.example.com");
    expect(upstream(await run(SITES, at("badexample.com")), "x-zone")).toBeUndefined();
    expect(upstream(await run(SITES, at("example.com")), "x-zone")).toBeUndefined();
  });

  it("nest: a path block inside a host block needs both, and its else branch stays inside them", async () => {
    const post = await run(SITES, at("api.example.com", "/admin/users?x=1", "POST"));
    expect(post.localResponse?.status).toBe(403);
    const get = await run(SITES, at("api.example.com", "/admin/users"));
    expect(upstream(get, "x-admin")).toBe("read");
    // Another host, or another path: neither the rule nor its else runs.
    const otherHost = await run(SITES, at("www.example.com", "/admin/users", "POST"));
    expect(otherHost.localResponse).toBeUndefined();
    expect(upstream(otherHost, "x-admin")).toBeUndefined();
    const otherPath = await run(SITES, at("api.example.com", "/public/admin/"));
    expect(upstream(otherPath, "x-admin")).toBeUndefined();
  });

  it("compare a path prefix with the path without its query", async () => {
    const rules = `for path prefix "/api" { on request_headers set "x-in" = "1" }`;
    expect(upstream(await run(rules, at("h", "/api?x=/y")), "x-in")).toBe("1");
    expect(upstream(await run(rules, at("h", "/apis/v1")), "x-in")).toBe("1");
    expect(upstream(await run(rules, at("h", "/ap?i")), "x-in")).toBeUndefined();
    expect(upstream(await run(rules, at("h", "/API")), "x-in")).toBeUndefined();
  });

  it("test response rules against the request as it went upstream", async () => {
    const r = await run(SITES, at("api.example.com", "/v1/x"));
    expect(client(r, "x-api-resp")).toBe("/v1/x");
    expect(client(await run(SITES, at("www.example.com", "/v1/x")), "x-api-resp")).toBeUndefined();
  });

  it("join the rule's own when, and let disabled_rules switch scoped rules off", async () => {
    const rules = `for host "a.test" { rule "gold" on request_headers when request.header["x-tier"] == "gold" set "x-lane" = "fast" }`;
    expect(upstream(await run(rules, { request: { authority: "a.test", headers: { "x-tier": "gold" } } }), "x-lane")).toBe("fast");
    expect(upstream(await run(rules, { request: { authority: "a.test", headers: { "x-tier": "free" } } }), "x-lane")).toBeUndefined();
    expect(upstream(await run(rules, { request: { authority: "b.test", headers: { "x-tier": "gold" } } }), "x-lane")).toBeUndefined();
    expect(upstream(await run(rules, { request: { authority: "a.test", headers: { "x-tier": "gold" } } }, '{"disabled_rules": ["gold"]}'), "x-lane")).toBeUndefined();
  });

  it("see the request as earlier rules left it: a rewrite moves later rules out of a path block", async () => {
    const rules = `
for path prefix "/api/" {
  on request_headers set "x-before" = "1"
  on request_headers rewrite prefix "/api/" to "/v2/"
  on request_headers set "x-after" = "1"
}`;
    const r = await run(rules, at("h", "/api/x"));
    expect(upstream(r, "x-before")).toBe("1");
    expect(r.upstreamRequest?.headers.find(([k]) => k === ":path")?.[1]).toBe("/v2/x");
    expect(upstream(r, "x-after")).toBeUndefined();
  });
});

function callOf(event: Result["trace"][number]): unknown {
  const { args: _args, ...rest } = event as { args?: unknown };
  return rest;
}

/** 100 host blocks, each with a rule, and rules outside any block: the program a non-matching request must not pay for. */
function hosts(count: number): string {
  const blocks = Array.from({ length: count }, (_, i) => `for host "svc-${i}.example.com" {\n  rule "svc-${i}" on request_headers set "x-svc" = "${i}"\n}`);
  const suffixes = Array.from({ length: count }, (_, i) => `for host suffix ".tenant-${i}.example.net" {\n  rule "tenant-${i}" on request_headers set "x-tenant" = "${i}"\n}`);
  return [`on request_headers set "x-seen" = "1"`, ...blocks, ...suffixes, `on response_headers set "x-done" = "1"`].join("\n");
}

describe("many host blocks", () => {
  it("cost a non-matching request the same host calls with 100 hosts as with 1, through one pass over the hostname", async () => {
    const one = await compileRules(new Source("one.fw", hosts(1)));
    const hundred = await compileRules(new Source("hundred.fw", hosts(100)));
    expect(one.wasm && hundred.wasm).toBeTruthy();
    // One test set: the hostname, read and walked once for the 200 exact and suffix tests.
    expect(hundred.assemblyScript!.match(/function testSet\d+Run/g)).toHaveLength(1);
    expect(hundred.assemblyScript).toMatch(/testSetRun\([^,]+, authorityHostname\(/);
    const a = await loadHost(one.wasm!, { trace: true });
    const b = await loadHost(hundred.wasm!, { trace: true });
    for (const authority of ["www.example.org", "svc-100.example.com", "tenant-1.example.net"]) {
      const ra = await a.runStream(at(authority));
      const rb = await b.runStream(at(authority));
      expect(upstream(rb, "x-seen")).toBe("1");
      expect(upstream(rb, "x-svc")).toBeUndefined();
      expect(rb.hostCalls).toBe(ra.hostCalls);
      // The same calls with the same texts in the same order (pointers differ with the modules' layouts).
      expect(rb.trace.map(callOf)).toEqual(ra.trace.map(callOf));
    }
    const hit = await b.runStream(at("svc-73.example.com:8080"));
    expect(upstream(hit, "x-svc")).toBe("73");
    const tenant = await b.runStream(at("a.tenant-42.example.net"));
    expect(upstream(tenant, "x-tenant")).toBe("42");
    expect(upstream(tenant, "x-svc")).toBeUndefined();
  });
});
