import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { COVERAGE_METRIC_PREFIX } from "../../compiler/lower/index.js";
import { compileText, header, headerValues, hostFor, text } from "../support/compile.js";

/** `on local_reply` (docs/language.md, "Headers on local replies"), run in the host. */

type Spec = Parameters<Awaited<ReturnType<typeof hostFor>>["runStream"]>[0];

async function run(rules: string, spec: Spec = {}, pluginConfig?: string) {
  const host = await hostFor(rules, { pluginConfig, logLevel: 0 });
  return host.runStream(spec);
}

const CORS = `
param allowed_origins = ["https://app.example", "https://admin.example"]

rule "cors" on local_reply when request.header["origin"] in allowed_origins {
  set "access-control-allow-origin" = request.header["origin"]
  add "vary" = "origin"
} else {
  remove "access-control-allow-origin"
}

rule "admin" on request_headers when request.path starts_with "/admin" and request.header["x-token"] != "t0k3n" deny 403 "forbidden"
rule "moved" on request_headers when request.path starts_with "/old/" redirect 301 "/new\${request.path}"
rule "teapot" on request_headers when request.path == "/teapot" respond 418 "tea" with { "x-kind" = "teapot", "access-control-allow-origin" = "*" }
rule "upstream-error" on response_headers when response.status >= 500 respond 503 "try later"
on response_headers set "x-from-upstream" = "1"
`;

const origin = { origin: "https://app.example" };

describe("on local_reply", () => {
  it("puts CORS headers on a 403 deny, keeping the reply's own headers and body", async () => {
    const result = await run(CORS, { request: { path: "/admin/x", headers: origin } });
    expect(result.upstreamRequest).toBeUndefined();
    expect(result.response.status).toBe(403);
    expect(header(result.response.headers, "access-control-allow-origin")).toBe("https://app.example");
    expect(header(result.response.headers, "vary")).toBe("origin");
    expect(header(result.response.headers, "content-type")).toBe("text/plain");
    expect(text(result.response.body)).toBe("forbidden");
    expect(result.localResponse?.details).toBe("filterc_admin");
    // Response rules do not run on the filter's own reply; local_reply rules are the ones that do.
    expect(header(result.response.headers, "x-from-upstream")).toBeUndefined();
  });

  it("puts them on a redirect, next to its location", async () => {
    const result = await run(CORS, { request: { path: "/old/page", headers: origin } });
    expect(result.response.status).toBe(301);
    expect(header(result.response.headers, "location")).toBe("/new/old/page");
    expect(header(result.response.headers, "access-control-allow-origin")).toBe("https://app.example");
  });

  it("changes a respond's own headers: set replaces, else-branch remove drops", async () => {
    const allowed = await run(CORS, { request: { path: "/teapot", headers: origin } });
    expect(allowed.response.status).toBe(418);
    expect(headerValues(allowed.response.headers, "access-control-allow-origin")).toEqual(["https://app.example"]);
    expect(header(allowed.response.headers, "x-kind")).toBe("teapot");
    const other = await run(CORS, { request: { path: "/teapot", headers: { origin: "https://evil.example" } } });
    expect(header(other.response.headers, "access-control-allow-origin")).toBeUndefined();
    expect(header(other.response.headers, "x-kind")).toBe("teapot");
  });

  it("runs on a reply sent in the response phase, reading request values as the request phase left them", async () => {
    const result = await run(CORS, { request: { path: "/api", headers: origin }, response: { status: 502 } });
    expect(result.response.status).toBe(503);
    expect(text(result.response.body)).toBe("try later");
    expect(header(result.response.headers, "access-control-allow-origin")).toBe("https://app.example");
    expect(header(result.response.headers, "vary")).toBe("origin");
  });

  it("leaves responses from the upstream alone", async () => {
    const result = await run(CORS, { request: { path: "/api", headers: origin } });
    expect(result.response.status).toBe(200);
    expect(header(result.response.headers, "access-control-allow-origin")).toBeUndefined();
    expect(header(result.response.headers, "x-from-upstream")).toBe("1");
  });

  it("is switched off by disabled_rules like any named rule", async () => {
    const result = await run(CORS, { request: { path: "/admin/x", headers: origin } }, JSON.stringify({ disabled_rules: ["cors"] }));
    expect(result.response.status).toBe(403);
    expect(header(result.response.headers, "access-control-allow-origin")).toBeUndefined();
  });

  it("runs its rules in order; stop ends them, set_default keeps a value, rename and remove prefix edit the list", async () => {
    const rules = [
      'on local_reply { set_default "x-kind" = "default"; set_default "x-new" = "n"; rename "x-kind" to "x-was-kind"; remove prefix "x-drop-" }',
      'on local_reply when request.header["x-stop"] == "1" stop',
      'on local_reply add "x-late" = "1"',
      'on request_headers respond 400 "bad" with { "x-kind" = "teapot", "x-drop-a" = "1", "x-drop-b" = "2" }',
    ].join("\n");
    const result = await run(rules, { request: { headers: { "x-stop": "1" } } });
    expect(result.response.status).toBe(400);
    expect(header(result.response.headers, "x-was-kind")).toBe("teapot");
    expect(header(result.response.headers, "x-kind")).toBeUndefined();
    expect(header(result.response.headers, "x-new")).toBe("n");
    expect(header(result.response.headers, "x-drop-a")).toBeUndefined();
    expect(header(result.response.headers, "x-drop-b")).toBeUndefined();
    expect(header(result.response.headers, "x-late")).toBeUndefined();
    const going = await run(rules, { request: {} });
    expect(header(going.response.headers, "x-late")).toBe("1");
  });

  it("skips a value with CR, LF or NUL, with a warning, and still sends the reply", async () => {
    const rules = 'on local_reply set "x-echo" = request.header["x-in"]\non request_headers deny 401';
    const host = await hostFor(rules, { logLevel: 0 });
    const result = host.runStream({ request: { headers: { "x-in": "a\u0000b" } } });
    expect(result.response.status).toBe(401);
    expect(header(result.response.headers, "x-echo")).toBeUndefined();
    expect([...host.logs, ...result.logs].some((l) => l.message.includes("x-echo"))).toBe(true);
  });

  it("keeps memory flat: the reply's edited header list lives in the callback's arena", async () => {
    const host = await hostFor(CORS, { logLevel: 0 });
    const spec = (i: number): Spec => ({ request: { path: i % 2 === 0 ? "/admin/x" : "/teapot", headers: { origin: "https://app.example", "x-pad": "p".repeat(i % 200) } }, response: { status: 200 } });
    for (let i = 0; i < 50; i++) host.runStream(spec(i));
    const pages = host.memoryPages();
    for (let i = 0; i < 2000; i++) expect(host.runStream(spec(i)).response.status).toBe(i % 2 === 0 ? 403 : 418);
    expect(host.memoryPages()).toBe(pages);
  });

  it("counts each of its branches for coverage", async () => {
    const host = await loadHost(await compileText(CORS, "cors.fw", { coverage: true }));
    host.runStream({ request: { path: "/admin", headers: origin } });
    host.runStream({ request: { path: "/admin" } });
    host.runStream({ request: { path: "/admin" } });
    const fired = Object.fromEntries([...host.metrics()].filter(([name]) => name.startsWith(COVERAGE_METRIC_PREFIX)).map(([name, m]) => [name.slice(COVERAGE_METRIC_PREFIX.length), Number(m.value)]));
    expect(fired["0"]).toBe(1);
    expect(fired["0.1"]).toBe(2);
    expect(fired["1"]).toBe(3);
  });
});
