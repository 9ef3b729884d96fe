import { beforeAll, describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import type { ProxyWasmHost, StreamResult, StreamSpec } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";

/**
 * `match[N]` of affix patterns (`^/old/(.*)$`, compiler/regex/affix-groups.ts) runs runtime/match-affix.ts, a
 * prefix and suffix test and a class loop, where other patterns run a group program. The same rules built with the
 * affix path turned off (`affixGroups: false`) run the group programs: both builds must answer every request alike,
 * with the same host calls.
 */
const RULES = `
rule "moved" on request_headers
  when request.path matches "^/old/(.*)$"
  redirect 301 "/new/\${match[1]}"
rule "tenant" on request_headers
  when request.host matches "^([a-z0-9-]+)[.]shop[.]example$"
  set "x-tenant" = match[1]
rule "version" on request_headers
  when request.header["x-api"] matches "^v(\\\\d+)" and request.header["x-api"] != "v0"
  set "x-version" = "<\${match[1]}|\${match[0]}>"
rule "not one-pass" on request_headers
  when request.header["x-file"] matches "^/a/(.*)/b$"
  set "x-between" = "[\${match[1]}]"
rule "go" on request_headers
  when request.header["x-go"] matches "^go:(.+)$"
  redirect 302 "/to/\${match[1]}?from=\${request.host}"
`;

const SPECS: readonly StreamSpec[] = [
  { request: { path: "/old/docs/intro?lang=en" } },
  { request: { path: "/old/" } },
  { request: { path: "/old" } },
  { request: { path: "/older/x" } },
  { request: { path: "/app", authority: "acme.shop.example" } },
  { request: { path: "/app", authority: "Acme.shop.example" } },
  { request: { path: "/app", authority: ".shop.example" } },
  { request: { path: "/app", authority: "a.b.shop.example" } },
  { request: { path: "/app", authority: "www.example" } },
  { request: { path: "/", headers: { "x-api": "v12/x" } } },
  { request: { path: "/", headers: { "x-api": "v" } } },
  { request: { path: "/", headers: { "x-api": "v0" } } },
  { request: { path: "/", headers: { "x-file": "/a/x/b/y/b" } } },
  { request: { path: "/", headers: { "x-file": "/a//b" } } },
  { request: { path: "/", headers: { "x-file": "/a/b" } } },
  { request: { path: "/", headers: { "x-go": "go:home" } } },
  { request: { path: "/", headers: { "x-go": "go:" } } },
  // A location with a control character is never sent: the warning, and the next rule runs.
  { request: { path: "/", headers: { "x-go": "go:a\0b" } } },
  { request: { path: "/", authority: "x\0y", headers: { "x-go": "go:home" } } },
];

/** What a request came to, less the trace: the reply or the upstream request, the logs, and the host calls. */
function outcome(result: StreamResult) {
  return {
    reply: result.localResponse === undefined ? undefined : { status: result.localResponse.status, location: header(result.localResponse.headers, "location") },
    upstream: result.upstreamRequest?.headers.filter(([name]) => name.startsWith("x-")),
    logs: result.logs.map((l) => l.message),
    hostCalls: result.hostCalls,
    trap: result.trap,
  };
}

describe("match groups of affix patterns", () => {
  let affix: ProxyWasmHost;
  let general: ProxyWasmHost;
  beforeAll(async () => {
    affix = await hostFor(RULES);
    general = await hostFor(RULES, {}, { affixGroups: false });
  }, 240_000);

  it("are found without a group program, and with one when the affix path is off", async () => {
    const sourceOf = async (affixGroups: boolean) => (await compileRules(new Source("test.fw", RULES), { affixGroups })).assemblyScript!;
    const on = await sourceOf(true);
    expect(on.match(/matchGroupsAffix\(/g)).toHaveLength(5);
    expect(on).not.toMatch(/matchGroups(OnePass|Find)\(/);
    const off = await sourceOf(false);
    expect(off).not.toMatch(/matchGroupsAffix\(/);
    expect(off).toMatch(/matchGroupsOnePass\(/);
    expect(off).toMatch(/matchGroupsFind\(/);
  }, 240_000);

  it.each(SPECS.map((spec) => [JSON.stringify(spec.request), spec] as const))("answer %s as the group programs do", (_, spec) => {
    const expected = outcome(general.runStream(spec));
    expect(outcome(affix.runStream(spec))).toEqual(expected);
  });

  it("redirect with the rest of the path, set the tenant, and skip an unsafe location", () => {
    const moved = affix.runStream(SPECS[0]!);
    expect(moved.localResponse?.status).toBe(301);
    expect(header(moved.localResponse!.headers, "location")).toBe("/new/docs/intro?lang=en");
    expect(moved.hostCalls).toBe(2);
    const tenant = affix.runStream(SPECS[4]!);
    expect(header(tenant.upstreamRequest!.headers, "x-tenant")).toBe("acme");
    expect(tenant.hostCalls).toBe(6);
    expect(header(affix.runStream(SPECS[9]!).upstreamRequest!.headers, "x-version")).toBe("<12|v12>");
    expect(header(affix.runStream(SPECS[12]!).upstreamRequest!.headers, "x-between")).toBe("[x/b/y]");
    expect(header(affix.runStream(SPECS[15]!).localResponse!.headers, "location")).toBe("/to/home?from=example.com");
    const unsafe = affix.runStream(SPECS[17]!);
    expect(unsafe.localResponse).toBeUndefined();
    expect(unsafe.logs.map((l) => l.message)).toEqual(['skipped header "location": its value contains CR, LF or NUL']);
  });

  it("keep one page of memory over many requests with long values", () => {
    const pages = affix.memoryPages();
    for (let i = 0; i < 300; i++) {
      const result = affix.runStream({ request: { path: `/old/${"x".repeat(4000 + i)}` } });
      expect(header(result.localResponse!.headers, "location")!.length).toBe(5 + 4000 + i);
    }
    expect(affix.memoryPages()).toBe(pages);
  });
});
