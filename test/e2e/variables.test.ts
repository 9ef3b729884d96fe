import { describe, expect, it } from "vitest";
import { header, hostFor, text } from "../support/compile.js";

/** Request-scoped variables (`let`, docs/language.md "Variables"), run in the host. */

const TENANT = `
rule "tenant" on request_headers when request.hostname ends_with ".shop.example" {
  let tenant = split_first(request.hostname, ".")
  let tier_code = size(tenant) * 10
  let trial = tenant == "trial"
}
rule "tenant-header" on request_headers when exists(tenant) set "x-tenant" = tenant
rule "quota" on request_headers when trial and request.path starts_with "/export/" deny 402 "upgrade for \${tenant}"
on response_headers {
  set "x-served-for" = "[\${tenant}]"
  set "x-tier" = tier_code
  set "x-trial" = trial
}
on response_headers when not exists(tenant) set "x-anonymous" = "1"
on response_headers when trial == false set "x-paying" = "1"
on response_headers when trial != true set "x-not-trial" = "1"
on response_headers when tier_code > 40 set "x-long-name" = "1"
on local_reply when exists(tenant) set "x-reply-for" = tenant
`;

const request = (host: string, path = "/") => ({ request: { path, headers: { ":authority": host } }, response: { status: 200 } });

describe("variables", () => {
  it("set in request_headers, read by later request rules and by response rules", async () => {
    const host = await hostFor(TENANT);
    const result = host.runStream(request("acme.shop.example"));
    expect(header(result.upstreamRequest!.headers, "x-tenant")).toBe("acme");
    expect(header(result.response.headers, "x-served-for")).toBe("[acme]");
    expect(header(result.response.headers, "x-tier")).toBe("40");
    expect(header(result.response.headers, "x-trial")).toBe("false");
    expect(header(result.response.headers, "x-paying")).toBe("1");
    expect(header(result.response.headers, "x-not-trial")).toBe("1");
    expect(header(result.response.headers, "x-long-name")).toBeUndefined();
    expect(header(result.response.headers, "x-anonymous")).toBeUndefined();
  });

  it("are absent where their rule's condition was false, bools included", async () => {
    const host = await hostFor(TENANT);
    const result = host.runStream(request("example.com"));
    expect(header(result.upstreamRequest!.headers, "x-tenant")).toBeUndefined();
    expect(header(result.response.headers, "x-served-for")).toBe("[]");
    expect(header(result.response.headers, "x-anonymous")).toBe("1");
    // An unset bool is neither true nor false: `== false` is false, `!= true` is true.
    expect(header(result.response.headers, "x-paying")).toBeUndefined();
    expect(header(result.response.headers, "x-not-trial")).toBe("1");
    expect(header(result.response.headers, "x-long-name")).toBeUndefined();
  });

  it("do not leak from one stream to the next", async () => {
    const host = await hostFor(TENANT);
    expect(header(host.runStream(request("verylongname.shop.example")).response.headers, "x-long-name")).toBe("1");
    const next = host.runStream(request("example.com"));
    expect(header(next.upstreamRequest!.headers, "x-tenant")).toBeUndefined();
    expect(header(next.response.headers, "x-served-for")).toBe("[]");
    expect(header(next.response.headers, "x-long-name")).toBeUndefined();
  });

  it("decide a later rule's condition and reach local_reply rules", async () => {
    const host = await hostFor(TENANT);
    const result = host.runStream(request("trial.shop.example", "/export/all"));
    expect(result.upstreamRequest).toBeUndefined();
    expect(result.response.status).toBe(402);
    expect(text(result.response.body)).toBe("upgrade for trial");
    expect(header(result.response.headers, "x-reply-for")).toBe("trial");
    const paying = host.runStream(request("acme.shop.example", "/export/all"));
    expect(paying.response.status).toBe(200);
  });

  it("reach local_reply rules of a reply sent in the response phase", async () => {
    const host = await hostFor(`
      on request_headers let who = request.header["x-user"]
      on response_headers when response.status >= 500 respond 503 "sorry \${who}"
      on local_reply set "x-who" = who
    `);
    const result = host.runStream({ request: { headers: { "x-user": "ann" } }, response: { status: 502 } });
    expect(result.response.status).toBe(503);
    expect(text(result.response.body)).toBe("sorry ann");
    expect(header(result.response.headers, "x-who")).toBe("ann");
  });

  it("hold the value of when they were set, and may be set again", async () => {
    const host = await hostFor(`
      on request_headers {
        let old = request.header["x-a"]
        set "x-a" = "new"
        set "x-old" = old
        let n = 1
      }
      on request_headers when request.path starts_with "/twice" let n = n + 1
      on request_headers set "x-n" = n
      on response_headers let n = n * 10
      on response_headers set "x-n" = n
    `);
    const result = host.runStream({ request: { path: "/twice", headers: { "x-a": "first" } } });
    expect(header(result.upstreamRequest!.headers, "x-a")).toBe("new");
    expect(header(result.upstreamRequest!.headers, "x-old")).toBe("first");
    expect(header(result.upstreamRequest!.headers, "x-n")).toBe("2");
    expect(header(result.response.headers, "x-n")).toBe("20");
    const once = host.runStream({ request: { path: "/" } });
    expect(header(once.response.headers, "x-n")).toBe("10");
  });

  it("keep the value of the branch that ran, and stay unset after a stop", async () => {
    const host = await hostFor(`
      on request_headers when request.method == "POST" let lane = "write" else when request.method == "GET" let lane = "read"
      on request_headers when request.path == "/stop" stop
      on request_headers let seen = "yes"
      on response_headers set "x-lane" = "\${lane}/\${seen}"
    `);
    expect(header(host.runStream({ request: { method: "POST" } }).response.headers, "x-lane")).toBe("write/yes");
    expect(header(host.runStream({ request: { method: "GET", path: "/stop" } }).response.headers, "x-lane")).toBe("read/");
    expect(header(host.runStream({ request: { method: "PUT" } }).response.headers, "x-lane")).toBe("/yes");
  });

  it("keep an address an address: `in` compares CIDR ranges", async () => {
    const host = await hostFor(`
      on request_headers let peer = source.address
      on response_headers when peer in ["10.0.0.0/8"] set "x-internal" = "1"
    `);
    expect(header(host.runStream({ source: "10.1.2.3:5000" }).response.headers, "x-internal")).toBe("1");
    expect(header(host.runStream({ source: "192.0.2.1:5000" }).response.headers, "x-internal")).toBeUndefined();
  });

  it("keep memory flat over many requests", async () => {
    const host = await hostFor(TENANT);
    host.runStream(request("acme.shop.example"));
    const pages = host.memoryPages();
    for (let i = 0; i < 2_000; i++) host.runStream(request(`${"t".repeat(i % 300)}x.shop.example`, i % 2 === 0 ? "/export/" : "/"));
    expect(host.memoryPages()).toBe(pages);
  });
});
