import { describe, expect, it } from "vitest";
import { header, headerValues, hostFor, text } from "../support/compile.js";

/** Runs one request through rules and returns what came out. */
async function run(rules: string, spec: Parameters<Awaited<ReturnType<typeof hostFor>>["runStream"]>[0] = {}, pluginConfig?: string) {
  const host = await hostFor(rules, { pluginConfig, logLevel: 0 });
  return { host, result: host.runStream(spec) };
}

const upstream = (r: Awaited<ReturnType<typeof run>>["result"], name: string) => header(r.upstreamRequest!.headers, name);
const client = (r: Awaited<ReturnType<typeof run>>["result"], name: string) => header(r.response.headers, name);

describe("matches", () => {
  const rules = 'on request_headers when request.path matches "v\\d+[.]json" set "x-m" = "1"\n' + 'on request_headers when request.path matches "^/a$" set "x-a" = "1"';
  it("searches anywhere unless anchored", async () => {
    const { result } = await run(rules, { request: { path: "/api/v12.json?x" } });
    expect(upstream(result, "x-m")).toBe("1");
    expect(upstream(result, "x-a")).toBeUndefined();
  });
  it("honours ^ and $", async () => {
    expect(upstream((await run(rules, { request: { path: "/a" } })).result, "x-a")).toBe("1");
    expect(upstream((await run(rules, { request: { path: "/ab" } })).result, "x-a")).toBeUndefined();
  });
  it("is false on an absent value", async () => {
    const { result } = await run('on request_headers when request.header["x-none"] matches "" set "x" = "1"');
    expect(upstream(result, "x")).toBeUndefined();
  });
});

describe("rules run in order and see earlier changes", () => {
  it("a header set by rule 1 is visible to rule 2", async () => {
    const { result } = await run('on request_headers set "x-step" = "one"\non request_headers when request.header["x-step"] == "one" set "x-seen" = "yes"');
    expect(upstream(result, "x-seen")).toBe("yes");
  });
  it("stop ends the phase", async () => {
    const { result } = await run('on request_headers { set "a" = "1"; stop }\non request_headers set "b" = "1"');
    expect(upstream(result, "a")).toBe("1");
    expect(upstream(result, "b")).toBeUndefined();
  });
});

describe("absent values", () => {
  const cases: Array<[string, boolean]> = [
    ['request.header["x-no"] == "a"', false],
    ['request.header["x-no"] != "a"', true],
    ['request.header["x-no"] contains ""', false],
    ['request.header["x-no"] starts_with ""', false],
    ['request.header["x-no"] ends_with ""', false],
    ['request.header["x-no"] in ["a"]', false],
    ['exists(request.header["x-no"])', false],
    ['lower(request.header["x-no"]) == ""', false],
    ['lower(request.header["x-no"]) != ""', true],
  ];
  for (const [condition, expected] of cases) {
    it(`${condition} is ${expected}`, async () => {
      const { result } = await run(`on request_headers when ${condition} set "x-hit" = "1"`);
      expect(upstream(result, "x-hit") === "1").toBe(expected);
    });
  }
  it("interpolates as the empty string", async () => {
    const { result } = await run('on request_headers set "x-echo" = "[${request.header["x-no"]}]"');
    expect(upstream(result, "x-echo")).toBe("[]");
  });
});

describe("fields", () => {
  it("request.header is the first value of a repeated header; interpolation takes quoted names", async () => {
    const { result } = await run('on request_headers set "x-first" = "id=${request.header["x-id"]}"', { request: { headers: [["x-id", "a"], ["x-id", "b"]] } });
    expect(upstream(result, "x-first")).toBe("id=a");
  });
  it("request.path includes the query; request.query decodes; request.cookie finds the first cookie", async () => {
    const rules = 'on request_headers { set "x-p" = request.path; set "x-q" = "${request.query["q"]}"; set "x-c" = "${request.cookie["c"]}" }';
    const { result } = await run(rules, { request: { path: "/s?a=1&q=hello%20world+x&q=2", headers: { cookie: "a=1; c=first; c=second" } } });
    expect(upstream(result, "x-p")).toBe("/s?a=1&q=hello%20world+x&q=2");
    expect(upstream(result, "x-q")).toBe("hello world x");
    expect(upstream(result, "x-c")).toBe("first");
  });
  it("method, host, scheme and id", async () => {
    const { result } = await run('on request_headers set "x-all" = "${request.method} ${request.scheme}://${request.host} ${exists(request.id)}"', { request: { method: "PUT", authority: "a.example", scheme: "https" } });
    expect(upstream(result, "x-all")).toBe("PUT https://a.example true");
  });
  it("source.address is the IP without the port, IPv4 and IPv6, matched against mixed lists", async () => {
    const rules = 'on request_headers { set "x-src" = source.address }\non request_headers when source.address in ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"] set "x-in" = "1"';
    for (const [source, ip, inside] of [["10.9.8.7:1234", "10.9.8.7", true], ["[2001:db8::1]:443", "2001:db8::1", true], ["192.0.2.7:1", "192.0.2.7", true], ["192.0.2.8:1", "192.0.2.8", false], ["[::1]:80", "::1", false]] as const) {
      const { result } = await run(rules, { source });
      expect(upstream(result, "x-src")).toBe(ip);
      expect(upstream(result, "x-in") === "1").toBe(inside);
    }
  });
  it("destination.port, connection.mtls and source.principal", async () => {
    const rules = 'on request_headers when connection.mtls and destination.port == 8443 set "x-id" = source.principal';
    const { result } = await run(rules, { destination: "10.0.0.1:8443", connection: { mtls: true, uriSanPeerCertificate: "spiffe://cluster.local/ns/a/sa/b" } });
    expect(upstream(result, "x-id")).toBe("spiffe://cluster.local/ns/a/sa/b");
    const plain = await run(rules, { destination: "10.0.0.1:8443" });
    expect(upstream(plain.result, "x-id")).toBeUndefined();
  });
  it("response.status compares as an int", async () => {
    const rules = 'on response_headers when response.status >= 500 set "x-err" = "${response.status}"';
    expect(client((await run(rules, { response: { status: 503 } })).result, "x-err")).toBe("503");
    expect(client((await run(rules, { response: { status: 404 } })).result, "x-err")).toBeUndefined();
  });
  it("request fields in the response phase see the request as sent upstream", async () => {
    const rules = 'on request_headers rewrite prefix "/old/" to "/new/"\non response_headers set "x-path" = "${request.method} ${request.path} ${request.header["x-id"]}"';
    const { result } = await run(rules, { request: { method: "DELETE", path: "/old/a", headers: { "x-id": "7" } } });
    expect(client(result, "x-path")).toBe("DELETE /new/a 7");
  });
});

describe("params", () => {
  const rules = 'param strict = false\nparam name = "n"\nparam limit = 3\nparam allowed = ["a", "b"]\n' +
    'on request_headers when strict set "x-strict" = "1"\n' +
    'on request_headers when strict == false set "x-lenient" = "1"\n' +
    'on request_headers when request.header["x-v"] in allowed set "x-allowed" = "${name}-${limit}"';
  it("use their defaults", async () => {
    const { result } = await run(rules, { request: { headers: { "x-v": "a" } } });
    expect(upstream(result, "x-strict")).toBeUndefined();
    expect(upstream(result, "x-lenient")).toBe("1");
    expect(upstream(result, "x-allowed")).toBe("n-3");
  });
  it("take values from the plugin configuration", async () => {
    const { result } = await run(rules, { request: { headers: { "x-v": "c" } } }, JSON.stringify({ strict: true, name: "m", limit: 9, allowed: ["c"] }));
    expect(upstream(result, "x-strict")).toBe("1");
    expect(upstream(result, "x-allowed")).toBe("m-9");
  });
  it("keep the default of a key with the wrong type, with a warning", async () => {
    const { host, result } = await run(rules, { request: { headers: { "x-v": "a" } } }, JSON.stringify({ limit: "nine" }));
    expect(upstream(result, "x-allowed")).toBe("n-3");
    expect(host.logs.filter((l) => l.level === 3).map((l) => l.message)).toEqual(["plugin configuration: wrong type, default kept for limit"]);
  });
  it("keep all defaults on invalid JSON, with one warning", async () => {
    const { host, result } = await run(rules, { request: { headers: { "x-v": "a" } } }, "{ not json");
    expect(upstream(result, "x-allowed")).toBe("n-3");
    expect(host.logs.filter((l) => l.level === 3)).toHaveLength(1);
  });
  it("ignore unknown keys with a warning and take empty configuration silently", async () => {
    const unknown = await run(rules, {}, JSON.stringify({ nope: 1 }));
    expect(unknown.host.logs.filter((l) => l.level === 3).map((l) => l.message)).toEqual(["plugin configuration: unknown key, ignored: nope"]);
    const empty = await run(rules, {}, "");
    expect(empty.host.logs.filter((l) => l.level >= 3)).toEqual([]);
  });
  it("disabled_rules switches named rules off", async () => {
    const named = 'rule "one" on request_headers set "x-1" = "1"\nrule "two" on request_headers set "x-2" = "2"';
    const { result } = await run(named, {}, JSON.stringify({ disabled_rules: ["two"] }));
    expect(upstream(result, "x-1")).toBe("1");
    expect(upstream(result, "x-2")).toBeUndefined();
  });
});

describe("actions", () => {
  it("add appends a separate entry; set replaces all; set_default only when absent", async () => {
    const rules = 'on request_headers { add "x-a" = "2"; set "x-s" = "new"; set_default "x-d" = "d"; set_default "x-e" = "e" }';
    const { result } = await run(rules, { request: { headers: [["x-a", "1"], ["x-s", "old1"], ["x-s", "old2"], ["x-d", "kept"]] } });
    expect(headerValues(result.upstreamRequest!.headers, "x-a")).toEqual(["1", "2"]);
    expect(headerValues(result.upstreamRequest!.headers, "x-s")).toEqual(["new"]);
    expect(upstream(result, "x-d")).toBe("kept");
    expect(upstream(result, "x-e")).toBe("e");
  });
  it("rename moves every value and replaces the target; remove prefix removes by name prefix", async () => {
    const rules = 'on request_headers { rename "x-old" to "x-new"; remove prefix "x-internal-" }';
    const { result } = await run(rules, { request: { headers: [["x-old", "1"], ["x-old", "2"], ["x-new", "gone"], ["x-internal-a", "1"], ["x-internal-b", "2"], ["x-keep", "k"]] } });
    expect(headerValues(result.upstreamRequest!.headers, "x-new")).toEqual(["1", "2"]);
    expect(upstream(result, "x-old")).toBeUndefined();
    expect(upstream(result, "x-internal-a")).toBeUndefined();
    expect(upstream(result, "x-internal-b")).toBeUndefined();
    expect(upstream(result, "x-keep")).toBe("k");
  });
  it("rewrite path replaces :path", async () => {
    const { result } = await run('on request_headers rewrite path "/v2${request.path}"', { request: { path: "/x?y" } });
    expect(upstream(result, ":path")).toBe("/v2/x?y");
  });
  it("deny without a body sends an empty body and ends processing", async () => {
    const { result } = await run('on request_headers deny 429\non request_headers set "x-after" = "1"');
    expect(result.localResponse?.status).toBe(429);
    expect(result.response.body.length).toBe(0);
    expect(result.upstreamRequest).toBeUndefined();
  });
  it("respond sends a body and headers", async () => {
    const { result } = await run('on request_headers respond 200 "ok ${request.path}" with { "content-type" = "text/plain", "x-n" = "${request.method}" }', { request: { path: "/h" } });
    expect(result.localResponse?.status).toBe(200);
    expect(text(result.localResponse!.body)).toBe("ok /h");
    expect(header(result.localResponse!.headers, "content-type")).toBe("text/plain");
    expect(header(result.localResponse!.headers, "x-n")).toBe("GET");
  });
  it("redirect defaults to 302 with an empty body", async () => {
    const { result } = await run('on request_headers redirect "/login"');
    expect(result.localResponse?.status).toBe(302);
    expect(header(result.localResponse!.headers, "location")).toBe("/login");
    expect(result.localResponse!.body.length).toBe(0);
  });
  it("response rules do not run on the filter's own local responses", async () => {
    const { result } = await run('on request_headers deny 403\non response_headers set "x-resp" = "1"');
    expect(result.localResponse?.status).toBe(403);
    expect(client(result, "x-resp")).toBeUndefined();
  });
  it("log writes at the given level", async () => {
    const { result } = await run('on request_headers log error "bad ${request.path}"', { request: { path: "/p" } });
    expect(result.logs.map((l) => [l.levelName, l.message])).toContainEqual(["error", "bad /p"]);
  });
  it("a runtime value with CR or LF is never sent: the action is skipped with a warning, later rules run", async () => {
    const rules = 'on request_headers set "x-echo" = request.query["v"]\non request_headers set "x-later" = "1"';
    const { result } = await run(rules, { request: { path: "/?v=a%0d%0aInjected:%20yes" } });
    expect(upstream(result, "x-echo")).toBeUndefined();
    expect(upstream(result, "injected")).toBeUndefined();
    expect(upstream(result, "x-later")).toBe("1");
    expect(result.logs.some((l) => l.levelName === "warn" && l.message.includes("x-echo"))).toBe(true);
  });
  it("a redirect to a location with CR or LF is skipped with a warning, later rules run", async () => {
    const rules = 'on request_headers redirect "/to/${request.query["v"]}"\non request_headers set "x-later" = "1"';
    const { result } = await run(rules, { request: { path: "/?v=a%0d%0aInjected:%20yes" } });
    expect(result.localResponse).toBeUndefined();
    expect(upstream(result, "x-later")).toBe("1");
    expect(result.logs.some((l) => l.levelName === "warn" && l.message.includes("location"))).toBe(true);
    const ok = await run(rules, { request: { path: "/?v=b" } });
    expect(header(ok.result.localResponse!.headers, "location")).toBe("/to/b");
  });
});

describe("an absent value used directly as a header value", () => {
  it("sets the empty string, like interpolation", async () => {
    const { result } = await run('on request_headers set "x-copy" = request.header["x-none"]');
    expect(upstream(result, "x-copy")).toBe("");
  });
});
