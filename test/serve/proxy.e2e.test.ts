// `filterc serve` as a user runs it: a real upstream, the proxy as a process, real HTTP requests. One proxy serves
// every test of this file (starting one builds the rules, which is most of the time).

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/cli.js";
import { accessLog, send, startServe, startUpstream, type Serving, type Upstream } from "./harness.js";

const RULES = `rule "hello" on response_headers set "hello" = "world"
rule "admin" on request_headers when request.path starts_with "/admin" deny 403 "no admin\\n"
rule "legacy" on request_headers when request.path starts_with "/v1/" redirect 301 "/v2/"
rule "sqli" on request_body when request.body matches "(?i)union\\\\s+select" deny 400 "refused body\\n"
rule "mask" on response_body replace "secret" with "[hidden]"
rule "throttle" on request_headers when request.path == "/limited" limit 2 per minute
rule "tally" on request_headers count "requests" by request.header["x-tenant"] only ["acme"]
`;

let upstream: Upstream;
let serving: Serving;

beforeAll(async () => {
  const dir = tempDir("filterc-serve-");
  writeFileSync(join(dir, "rules.fw"), RULES);
  upstream = await startUpstream();
  serving = await startServe([join(dir, "rules.fw"), "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--log-format", "json", "--buffer-limit", "4096"]);
});

afterAll(async () => {
  await serving?.stop("SIGKILL");
  await upstream?.close();
});

describe("filterc serve", () => {
  it("passes requests to the upstream with the connection manager's headers, and adds the rule's response header", async () => {
    const reply = await send(`${serving.url}/hello?x=1`, { headers: { "x-forwarded-for": "10.1.2.3", connection: "keep-alive, x-hop", "x-hop": "1" } });
    expect(reply.status).toBe(200);
    expect(reply.headers.hello).toBe("world");
    expect(reply.headers["x-upstream"]).toBe("1");
    const seen = JSON.parse(reply.body);
    expect(seen.url).toBe("/hello?x=1");
    expect(seen.headers["x-forwarded-for"]).toBe("10.1.2.3, 127.0.0.1");
    expect(seen.headers["x-forwarded-proto"]).toBe("http");
    expect(seen.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Named by Connection: hop-by-hop, not passed on.
    expect(seen.headers["x-hop"]).toBeUndefined();
    // A request id the client sent is kept.
    const kept = JSON.parse((await send(`${serving.url}/id`, { headers: { "x-request-id": "abc-1" } })).body);
    expect(kept.headers["x-request-id"]).toBe("abc-1");
  });

  it("answers a denied request itself, without the upstream, and a redirect with its location", async () => {
    const before = upstream.seen.length;
    const denied = await send(`${serving.url}/admin/users`);
    // Response rules do not run on the filter's own replies (only rules `on local_reply` do).
    expect([denied.status, denied.body, denied.headers.hello]).toEqual([403, "no admin\n", undefined]);
    const redirected = await send(`${serving.url}/v1/items`);
    expect([redirected.status, redirected.headers.location]).toEqual([301, "/v2/"]);
    expect(upstream.seen.length).toBe(before);
  });

  it("runs body rules on a body sent in several chunks, and rewrites the upstream's body", async () => {
    const refused = await send(`${serving.url}/search`, { method: "POST", body: ["q=1 UNI", "ON   SEL", "ECT *"], headers: { "transfer-encoding": "chunked" } });
    expect([refused.status, refused.body]).toEqual([400, "refused body\n"]);
    const passed = await send(`${serving.url}/search`, { method: "POST", body: ["q=my ", "secret"] });
    expect(passed.status).toBe(200);
    // The upstream echoes the body; the response body rule masks it on the way back.
    expect(JSON.parse(passed.body).body).toBe("q=my [hidden]");
  });

  it("refuses a body past --buffer-limit with 413 and headers past the limit with 431", async () => {
    const large = await send(`${serving.url}/upload`, { method: "POST", body: ["x".repeat(3000), "y".repeat(3000)] });
    expect(large.status).toBe(413);
    const headers: Record<string, string> = {};
    for (let i = 0; i < 80; i++) headers[`x-filler-${i}`] = "v".repeat(1000);
    const tooMany = await send(`${serving.url}/big-headers`, { headers });
    expect(tooMany.status).toBe(431);
  });

  it("rate-limits with the rule's limit (429 past it)", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(`${serving.url}/limited`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("writes one JSON access-log line per request with the rules that fired", async () => {
    await send(`${serving.url}/admin/logged`);
    await serving.waitFor('"path":"/admin/logged"', "stdout");
    const line = accessLog(serving).find((l) => l.path === "/admin/logged")!;
    expect(line).toMatchObject({ method: "GET", path: "/admin/logged", status: 403, rules: ["admin"], worker: 0 });
    expect(typeof line.filter_ms).toBe("number");
    expect(accessLog(serving).find((l) => l.path === "/v1/items")).toMatchObject({ status: 301, rules: ["legacy"] });
  });

  it("answers GET /stats/prometheus on the admin listener with the filter's metrics", async () => {
    await send(`${serving.url}/tally`, { headers: { "x-tenant": "acme" } });
    await send(`${serving.url}/tally`, { headers: { "x-tenant": "acme" } });
    const metrics = await send(`${serving.adminUrl}/stats/prometheus`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain("# TYPE filterc_rules_requests counter\n");
    expect(metrics.body).toMatch(/^filterc_rules_requests\{by="acme"\} 2$/m);
    expect(metrics.body).toMatch(/^filterc_rules_rate_limited\{rule="throttle"\} 1$/m);
    // serve's own instrumentation (which rules fired) is not the filter's.
    expect(metrics.body).not.toContain("rule_fired");
    expect((await send(`${serving.adminUrl}/stats`)).status).toBe(404);
  });
});
