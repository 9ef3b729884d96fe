import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { COVERAGE_METRIC_PREFIX } from "../../compiler/lower/index.js";
import { compileText, header, hostFor, text } from "../support/compile.js";

/** `else` and `else when` (docs/language.md, "else"), run in the host. */

type Spec = Parameters<Awaited<ReturnType<typeof hostFor>>["runStream"]>[0];

async function run(rules: string, spec: Spec = {}, pluginConfig?: string) {
  const host = await hostFor(rules, { pluginConfig, logLevel: 0 });
  return host.runStream(spec);
}

const upstream = (r: Awaited<ReturnType<typeof run>>, name: string) => (r.upstreamRequest === undefined ? undefined : header(r.upstreamRequest.headers, name));
const client = (r: Awaited<ReturnType<typeof run>>, name: string) => header(r.response.headers, name);

const CHAIN = `
rule "route" on request_headers when request.path == "/a" {
  set "x-branch" = "a"
} else when request.path starts_with "/b" {
  deny 403 "no b"
} else when request.header["x-kind"] == "k" set "x-branch" = "k"
  else {
    set "x-branch" = "other"
    log info "other \${request.path}"
  }
on request_headers set "x-after" = "1"
`;

describe("else when and else", () => {
  it("runs the first branch whose condition holds, and only that one", async () => {
    const a = await run(CHAIN, { request: { path: "/a", headers: { "x-kind": "k" } } });
    expect(upstream(a, "x-branch")).toBe("a");
    const k = await run(CHAIN, { request: { path: "/c", headers: { "x-kind": "k" } } });
    expect(upstream(k, "x-branch")).toBe("k");
    const other = await run(CHAIN, { request: { path: "/c" } });
    expect(upstream(other, "x-branch")).toBe("other");
    expect(other.logs.map((l) => l.message)).toContain("other /c");
  });

  it("a terminating action ends only its own branch's path; other branches go on to later rules", async () => {
    const denied = await run(CHAIN, { request: { path: "/b/1" } });
    expect(denied.upstreamRequest).toBeUndefined();
    expect(denied.localResponse?.status).toBe(403);
    expect(text(denied.localResponse!.body)).toBe("no b");
    const passed = await run(CHAIN, { request: { path: "/a" } });
    expect(upstream(passed, "x-after")).toBe("1");
  });

  it("with no plain else, nothing runs when no condition holds", async () => {
    const rules = 'on request_headers when request.path == "/a" set "x" = "a" else when request.path == "/b" set "x" = "b"';
    expect(upstream(await run(rules, { request: { path: "/c" } }), "x")).toBeUndefined();
    expect(upstream(await run(rules, { request: { path: "/b" } }), "x")).toBe("b");
  });

  it("an absent value makes a comparison false, so the else branch runs", async () => {
    const rules = 'on request_headers when request.header["x-tier"] == "gold" set "x-lane" = "fast" else set "x-lane" = "slow"';
    expect(upstream(await run(rules, { request: { headers: { "x-tier": "gold" } } }), "x-lane")).toBe("fast");
    expect(upstream(await run(rules, { request: {} }), "x-lane")).toBe("slow");
  });

  it("a branch sees what earlier rules wrote, and later rules see what the branch wrote", async () => {
    const rules = [
      'on request_headers set "x-step" = "one"',
      'on request_headers when request.header["x-step"] == "two" set "x-seen" = "two" else when request.header["x-step"] == "one" { set "x-seen" = "one"; set "x-step" = "two" }',
      'on request_headers when request.header["x-step"] == "two" set "x-final" = "two"',
    ].join("\n");
    const result = await run(rules, { request: {} });
    expect(upstream(result, "x-seen")).toBe("one");
    expect(upstream(result, "x-final")).toBe("two");
  });

  it("works in the response phase, over request and response values", async () => {
    const rules = [
      'on response_headers when request.path starts_with "/api" and response.status >= 500 set "x-r" = "api-error"',
      '  else when request.path starts_with "/api" set "x-r" = "api"',
      '  else set "x-r" = "web"',
    ].join("\n");
    expect(client(await run(rules, { request: { path: "/api/x" }, response: { status: 503 } }), "x-r")).toBe("api-error");
    expect(client(await run(rules, { request: { path: "/api/x" }, response: { status: 200 } }), "x-r")).toBe("api");
    expect(client(await run(rules, { request: { path: "/" }, response: { status: 503 } }), "x-r")).toBe("web");
  });

  it("disabled_rules switches off every branch of a rule", async () => {
    const rules = 'rule "lane" on request_headers when request.header["x-tier"] == "gold" set "x-lane" = "fast" else set "x-lane" = "slow"';
    const off = JSON.stringify({ disabled_rules: ["lane"] });
    expect(upstream(await run(rules, { request: { headers: { "x-tier": "gold" } } }, off), "x-lane")).toBeUndefined();
    expect(upstream(await run(rules, { request: {} }, off), "x-lane")).toBeUndefined();
    expect(upstream(await run(rules, { request: {} }), "x-lane")).toBe("slow");
  });

  it("many rules with else (past a dispatch chunk) each run their own branch", async () => {
    const rules = Array.from({ length: 70 }, (_, i) => `on request_headers when request.header["x-${i}"] == "1" set "x-r${i}" = "then" else set "x-r${i}" = "else"`).join("\n");
    const result = await run(rules, { request: { headers: { "x-3": "1", "x-69": "1" } } });
    expect(upstream(result, "x-r3")).toBe("then");
    expect(upstream(result, "x-r4")).toBe("else");
    expect(upstream(result, "x-r69")).toBe("then");
    expect(upstream(result, "x-r0")).toBe("else");
  });
});

describe("coverage of else branches", () => {
  it("counts each branch in a metric of its own", async () => {
    const host = await loadHost(await compileText(CHAIN, "chain.fw", { coverage: true }));
    host.runStream({ request: { path: "/a" } });
    host.runStream({ request: { path: "/b" } });
    host.runStream({ request: { path: "/c" } });
    host.runStream({ request: { path: "/d" } });
    const fired = Object.fromEntries([...host.metrics()].filter(([name]) => name.startsWith(COVERAGE_METRIC_PREFIX)).map(([name, m]) => [name.slice(COVERAGE_METRIC_PREFIX.length), Number(m.value)]));
    expect(fired).toEqual({ "0": 1, "0.1": 1, "0.2": 0, "0.3": 2, "1": 3 });
  });
});

describe("else with match groups", () => {
  it("reads the groups of the rule's matches in its own branch; the else branch runs without them", async () => {
    const rules = 'on request_headers when request.path matches "^/old/(.*)$" redirect 301 "/new/${match[1]}" else set "x-moved" = "no"';
    const moved = await run(rules, { request: { path: "/old/a/b" } });
    expect(moved.localResponse?.status).toBe(301);
    expect(header(moved.localResponse!.headers, "location")).toBe("/new/a/b");
    expect(upstream(await run(rules, { request: { path: "/kept" } }), "x-moved")).toBe("no");
  });
});
