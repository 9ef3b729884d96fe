/**
 * The reference interpreter on its own: the examples/ programs and the finer points of docs/language.md, with the
 * outcomes written from the docs (no compiled filter involved here; differential.test.ts compares the two).
 */
import { describe, expect, it } from "vitest";
import { readExample } from "../support/compile.js";
import { freshWorker, interpret } from "./interpreter.js";
import { exchangeOf, type Header, type Outcome } from "./model.js";

const value = (headers: readonly Header[] | undefined, name: string) => headers?.find(([k]) => k === name)?.[1];
const values = (headers: readonly Header[] | undefined, name: string) => (headers ?? []).filter(([k]) => k === name).map(([, v]) => v);

describe("examples/hello.fw", () => {
  const program = readExample("hello.fw");
  it("adds hello to every response, replacing the upstream's values", () => {
    const outcome = interpret(program, exchangeOf({ response: { status: 404, headers: [["hello", "there"], ["hello", "again"]] } }));
    expect(values(outcome.response, "hello")).toEqual(["world"]);
    expect(value(outcome.response, ":status")).toBe("404");
    expect(outcome.logs).toEqual([]);
  });
});

describe("examples/security-headers.fw", () => {
  const program = readExample("security-headers.fw");
  const upstream = { headers: [["server", "nginx"], ["x-powered-by", "PHP"], ["content-security-policy", "default-src *"]] as Header[] };
  it("sets the security headers, keeps the upstream's policy and hides the server", () => {
    const { response } = interpret(program, exchangeOf({ response: upstream }));
    expect(value(response, "strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(value(response, "x-frame-options")).toBe("DENY");
    expect(value(response, "content-security-policy")).toBe("default-src *");
    expect(value(response, "server")).toBeUndefined();
    expect(value(response, "x-powered-by")).toBeUndefined();
  });
  it("takes params and disabled rules from the configuration", () => {
    const config = JSON.stringify({ hsts_max_age: 600, frame_options: "SAMEORIGIN", disabled_rules: ["hide-server"] });
    const outcome = interpret(program, exchangeOf({ response: upstream }), config);
    expect(value(outcome.response, "strict-transport-security")).toBe("max-age=600; includeSubDomains");
    expect(value(outcome.response, "x-frame-options")).toBe("SAMEORIGIN");
    expect(value(outcome.response, "server")).toBe("nginx");
    expect(outcome.configLogs).toEqual([]);
  });
  it("keeps the default of a value of the wrong type, with a warning naming the key", () => {
    const outcome = interpret(program, exchangeOf(), JSON.stringify({ hsts_max_age: "one year", nope: 1 }));
    expect(value(outcome.response, "strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(outcome.configLogs).toEqual([
      { level: "warn", message: "plugin configuration: wrong type, default kept for hsts_max_age" },
      { level: "warn", message: "plugin configuration: unknown key, ignored: nope" },
    ]);
  });
});

describe("examples/admin-gate.fw", () => {
  const program = readExample("admin-gate.fw");
  it("refuses /admin from outside the admin networks, logs it, and runs no response rule", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/admin/users", headers: [["x-admin-token", "t"]] }, connection: { sourceIp: "203.0.113.9" } }));
    expect(outcome.upstream).toBeUndefined();
    expect(outcome.local).toEqual({ status: 403, body: "forbidden\n", headers: [], details: "filterc_admin-network" });
    expect(outcome.logs).toEqual([{ level: "warn", message: "admin request from 203.0.113.9 refused: outside the admin networks" }]);
  });
  it("asks for the token inside an IPv6 admin range", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/admin" }, connection: { sourceIp: "2001:db8::7" } }));
    expect(outcome.local).toEqual({ status: 401, body: "missing x-admin-token\n", headers: [["www-authenticate", "Token"]], details: "filterc_admin-token" });
  });
  it("redirects the old API to the same host", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/v1/items?id=3", authority: "shop.example" } }));
    expect(outcome.local).toEqual({ status: 301, body: "", headers: [["location", "https://shop.example/v2/"]], details: "filterc_legacy-api" });
  });
  it("audits what the upstream answered an admin", () => {
    const outcome = interpret(program, exchangeOf({ request: { method: "POST", path: "/admin/x", headers: [["x-admin-token", "t"]] }, response: { status: 204 }, connection: { sourceIp: "192.168.4.4" } }));
    expect(value(outcome.response, "x-admin-audit")).toBe("POST /admin/x -> 204");
  });
  it("takes the admin networks from the configuration", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/admin" }, connection: { sourceIp: "203.0.113.9" } }), JSON.stringify({ admin_networks: ["203.0.113.0/24"] }));
    expect(outcome.local?.status).toBe(401);
  });
});

describe("examples/canary.fw", () => {
  const program = readExample("canary.fw");
  it("rewrites the prefix for users who ask by header, and response rules see the request as sent", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/api/orders?x=1", headers: [["x-canary", "TRUE"]] } }));
    expect(value(outcome.upstream, ":path")).toBe("/api-canary/orders?x=1");
    expect(value(outcome.upstream, "x-canary-routed")).toBe("true");
    expect(value(outcome.response, "x-served-by")).toBe("canary");
  });
  it("opts in by a cookie whose value comes from the configuration", () => {
    const request = { path: "/api/a", headers: [["cookie", "session=1; release=beta"]] as Header[] };
    expect(value(interpret(program, exchangeOf({ request })).upstream, ":path")).toBe("/api/a");
    expect(value(interpret(program, exchangeOf({ request }), '{"canary_cookie": "beta"}').upstream, ":path")).toBe("/api-canary/a");
  });
});

describe("examples/legacy-redirects.fw", () => {
  const program = readExample("legacy-redirects.fw");
  it("redirects /docs/ links to /help/, keeping the rest of the path and the query", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/docs/install?v=2" } }));
    expect(outcome.local?.status).toBe(301);
    expect(value(outcome.local?.headers, "location")).toBe("/help/install?v=2");
    expect(outcome.upstream).toBeUndefined();
  });
  it("refuses a cookie header over 8,192 bytes and lets one of 8,192 through", () => {
    const cookie = (bytes: number): Header[] => [["cookie", `c=${"x".repeat(bytes - 2)}`]];
    expect(interpret(program, exchangeOf({ request: { headers: cookie(8193) } })).local?.status).toBe(431);
    expect(interpret(program, exchangeOf({ request: { headers: cookie(8192) } })).local).toBeUndefined();
  });
  it("takes the tenant from the subdomain and the status class from the upstream's status", () => {
    const outcome = interpret(program, exchangeOf({ request: { authority: "acme.shop.example:8443" }, response: { status: 503 } }));
    expect(value(outcome.upstream, "x-tenant")).toBe("acme");
    expect(value(outcome.response, "x-status-class")).toBe("5xx");
    expect(value(interpret(program, exchangeOf({})).upstream, "x-tenant")).toBeUndefined();
  });
});

describe("examples/login-redirect.fw", () => {
  const program = readExample("login-redirect.fw");
  it("redirects to the login page with the URL to come back to, percent-encoded", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/app/a?b=1 2", authority: "shop.example" } }));
    expect(outcome.local?.status).toBe(302);
    expect(value(outcome.local?.headers, "location")).toBe("https://login.example.com/authorize?return_to=https%3A%2F%2Fshop.example%2Fapp%2Fa%3Fb%3D1%202");
    const withSession = interpret(program, exchangeOf({ request: { path: "/app/a", headers: [["cookie", "session=1"]] } }));
    expect(withSession.local).toBeUndefined();
  });
  it("upper-cases the method override header", () => {
    const outcome = interpret(program, exchangeOf({ request: { headers: [["x-http-method-override", "patch"]] } }));
    expect(values(outcome.upstream, "x-http-method-override")).toEqual(["PATCH"]);
  });
});

describe("the language's finer points", () => {
  const request = (rules: string, given: Parameters<typeof exchangeOf>[0] = {}): Outcome => interpret(rules, exchangeOf(given));
  it("an action sees the changes of the actions before it in the same rule", () => {
    const { upstream } = request('on request_headers { set "x-a" = "1"; set "x-b" = "${request.header["x-a"]}+"; remove "x-a" }');
    expect(value(upstream, "x-b")).toBe("1+");
    expect(value(upstream, "x-a")).toBeUndefined();
  });
  it("absent values: comparisons false but !=, interpolation empty", () => {
    const { upstream } = request('on request_headers when request.header["x-no"] != "a" and not (request.header["x-no"] starts_with "") set "x" = "[${request.cookie["c"]}]"');
    expect(value(upstream, "x")).toBe("[]");
  });
  it("matches works on bytes, unanchored, with ASCII-only (?i)", () => {
    const rules = [
      'on request_headers when request.path matches "^/caf.$" set "dot" = "1"',
      'on request_headers when request.path matches "^/caf..$" set "two" = "1"',
      'on request_headers when request.path matches "(?i)É" set "fold" = "1"',
      'on request_headers when request.path matches "(?i)CAF" set "ascii" = "1"',
    ].join("\n");
    const { upstream } = request(rules, { request: { path: "/café" } });
    expect(["dot", "two", "fold", "ascii"].map((name) => value(upstream, name))).toEqual([undefined, "1", undefined, "1"]);
  });
  it("query parameters are URL-decoded, a name without = is empty, # ends the query", () => {
    const { upstream } = request('on request_headers set "x" = "${request.query["a b"]}|${request.query["flag"]}|${exists(request.query["h"])}"', { request: { path: "/?a%20b=1+%41%zz&flag#&h=1" } });
    expect(value(upstream, "x")).toBe("1 A%zz||false");
  });
  it("cookies: the first of the name, trailing spaces and quotes removed", () => {
    const { upstream } = request('on request_headers set "x" = request.cookie["c"]', { request: { headers: [["cookie", 'a=1;  c="v" ; c=2']] } });
    expect(value(upstream, "x")).toBe("v");
  });
  it("a computed value with CR or LF skips that action with a warning; a skipped redirect ends its rule", () => {
    const rules = 'on request_headers { set "x-q" = request.query["v"]; set "x-next" = "1"; redirect "/to/${request.query["v"]}"; set "x-rest" = "1" }\non request_headers set "x-later" = "1"';
    const outcome = request(rules, { request: { path: "/?v=a%0d%0ab" } });
    expect(outcome.local).toBeUndefined();
    expect(["x-q", "x-next", "x-rest", "x-later"].map((name) => value(outcome.upstream, name))).toEqual([undefined, "1", undefined, "1"]);
    expect(outcome.logs.map((l) => l.message)).toEqual([
      'skipped header "x-q": its value contains CR, LF or NUL',
      'skipped header "location": its value contains CR, LF or NUL',
    ]);
  });
  it("respond leaves out only the unsafe header; anonymous rules' details count from 1", () => {
    const outcome = request('on request_headers set "a" = "1"\non request_headers respond 503 "x\\ny" with { "x-q" = request.query["v"], "x-ok" = "k" }', { request: { path: "/?v=%00" } });
    expect(outcome.local).toEqual({ status: 503, body: "x\ny", headers: [["x-ok", "k"]], details: "filterc_rule_2" });
    expect(outcome.logs).toEqual([{ level: "warn", message: 'dropped response header "x-q": its value contains CR, LF or NUL' }]);
  });
  it("stop ends the phase only; response rules still run", () => {
    const outcome = request('on request_headers stop\non request_headers set "x" = "1"\non response_headers set "y" = "${destination.port}"');
    expect(value(outcome.upstream, "x")).toBeUndefined();
    expect(value(outcome.response, "y")).toBe("8080");
  });
  it("rename moves every value and replaces the target's; of an absent header it changes nothing", () => {
    const given = { request: { headers: [["a", "1"], ["b", "old"], ["a", "2"]] as Header[] } };
    expect(values(request('on request_headers rename "a" to "b"', given).upstream, "b")).toEqual(["1", "2"]);
    expect(values(request('on request_headers rename "none" to "b"', given).upstream, "b")).toEqual(["old"]);
  });
});

describe("arithmetic (docs/language.md, Arithmetic)", () => {
  const program = `
param a = 0
param b = 0
on response_headers {
  set "x-sum" = "[\${a + b * 2}]"
  set "x-div" = "[\${a / b}]"
  set "x-rem" = "[\${a % b}]"
  set "x-class" = "[\${response.status / 100}]"
}
on response_headers when a - b - 1 == 0 - 1 set "x-left" = "yes"
`;
  const run = (a: string, b: string, status = 200) => interpret(program, exchangeOf({ response: { status } }), `{"a":${a},"b":${b}}`).response;

  it("binds * tighter than +, truncates division toward zero, gives the remainder the dividend's sign", () => {
    const response = run("-7", "2", 503);
    expect([value(response, "x-sum"), value(response, "x-div"), value(response, "x-rem"), value(response, "x-class")]).toEqual(["[-3]", "[-3]", "[-1]", "[5]"]);
  });

  it("associates to the left and makes / 0 and % 0 absent", () => {
    const response = run("5", "0");
    expect([value(response, "x-div"), value(response, "x-rem"), value(response, "x-left")]).toEqual(["[]", "[]", undefined]);
    expect(value(run("3", "3"), "x-left")).toBe("yes");
  });

  it("wraps on overflow, and a result of -2^63 is absent", () => {
    expect(value(run("999999999999999999", "999999999999999999"), "x-sum")).toBe(`[${BigInt.asIntN(64, 999999999999999999n * 3n)}]`);
    const min = interpret('on request_headers set "x" = "[${4294967296 * 2147483648}]"', exchangeOf()).upstream;
    expect(value(min, "x")).toBe("[]");
  });
});

describe("match groups (docs/language.md, Match groups)", () => {
  const run = (program: string, path: string, headers: Header[] = []) => interpret(program, exchangeOf({ request: { path, headers } }));
  it("redirects a prefix and keeps the rest, query string included", () => {
    const outcome = run('on request_headers when request.path matches "^/old/(.*)$" redirect 301 "/new/${match[1]}"', "/old/x/y?q=1");
    expect(outcome.local?.headers).toEqual([["location", "/new/x/y?q=1"]]);
  });
  it("takes the leftmost-longest match, the first alternative and greedy repetitions, and leaves a skipped group empty", () => {
    const program = `on request_headers when request.header["x-in"] matches "(a|ab)(c|bcd)(d*)" set "x-g" = "\${match[0]}|\${match[1]}|\${match[2]}|\${match[3]}"
on request_headers when request.path matches "^/(?:(api)|(admin))/" set "x-h" = "<\${match[1]}><\${match[2]}>"`;
    const outcome = run(program, "/admin/", [["x-in", "xabcd"]]);
    expect(value(outcome.upstream, "x-g")).toBe("abcd|a|bcd|");
    expect(value(outcome.upstream, "x-h")).toBe("<><admin>");
  });
  it("keeps the value the condition matched after an action changes it", () => {
    const outcome = run('on request_headers when request.path matches "^/u/([^/]+)" { rewrite path "/p"\n set "x-user" = match[1] }', "/u/ann/x");
    expect(value(outcome.upstream, "x-user")).toBe("ann");
    expect(value(outcome.upstream, ":path")).toBe("/p");
  });
});

describe("contains any, starts_with any, ends_with any", () => {
  const program = `
param words = ["he", "she", "hers"]
on request_headers when request.header["x-v"] contains any words set "x-c" = "1"
on request_headers when request.header["x-v"] starts_with any words set "x-s" = "1"
on request_headers when request.header["x-v"] ends_with any ["rs", "é"] set "x-e" = "1"
`;
  const run = (v: string | undefined, config?: string) => {
    const outcome = interpret(program, exchangeOf({ request: { headers: v === undefined ? [] : [["x-v", v]] } }), config);
    return { marks: ["c", "s", "e"].filter((k) => value(outcome.upstream, `x-${k}`) === "1").join(""), logs: outcome.configLogs };
  };
  it("test every item of the default, a configured list and a literal", () => {
    expect(run("ushers").marks).toBe("ce");
    expect(run("café").marks).toBe("e");
    expect(run(undefined).marks).toBe("");
    expect(run("ushers", JSON.stringify({ words: ["us"] })).marks).toBe("cse");
    expect(run("ushers", JSON.stringify({ words: [] })).marks).toBe("e");
  });
  it("keep the default for a configured list past maxListBytes, with a warning", () => {
    const { marks, logs } = run("she", JSON.stringify({ words: ["x".repeat(1 << 20), "y"] }));
    expect(marks).toBe("cs");
    expect(logs).toEqual([{ level: "warn", message: "plugin configuration: list past maxListBytes, default kept for words" }]);
  });
});

describe("examples/body-guard.fw", () => {
  const program = readExample("body-guard.fw");
  const post = (path: string, body: string) => exchangeOf({ request: { method: "POST", path, body } });
  it("refuses an injection in an API body: no upstream, the rule's reply and log", () => {
    const outcome = interpret(program, post("/api/search", "q=1 union select x"));
    expect(outcome.upstream).toBeUndefined();
    expect(outcome.local).toMatchObject({ status: 403, body: "request refused\n", details: "filterc_sqli-body" });
    expect(outcome.logs).toEqual([{ level: "warn", message: "refused a body of 18 bytes on /api/search" }]);
  });
  it("lets other bodies, and bodies outside the API, through", () => {
    expect(interpret(program, post("/api/search", "q=union")).local).toBeUndefined();
    expect(interpret(program, post("/forum", "union select")).upstream).toBeDefined();
  });
  it("logs a stack trace in a response body, reading the request path", () => {
    const outcome = interpret(program, exchangeOf({ request: { path: "/api/x" }, response: { status: 500, headers: [], body: "Traceback (most recent call last):" } }));
    expect(outcome.logs).toEqual([{ level: "error", message: "stack trace leaked on /api/x" }]);
  });
});

describe("metrics in the reference interpreter", () => {
  it("counts, labels with a limit that outlives the stream, only lists and histograms", () => {
    const program = [
      'on request_headers count "all"',
      'on request_headers count "tenants" by request.header["x-t"] limit 2',
      'on request_headers count "methods" by request.method only ["GET"]',
      'on request_headers observe "size" size(request.header["x-t"]) - 1',
    ].join("\n");
    const worker = freshWorker();
    const run = (t?: string, method = "GET") => interpret(program, exchangeOf({ request: { method, headers: t === undefined ? [] : [["x-t", t]] } }), "", worker).metrics;
    expect(run("a.b")).toEqual({ "filterc.test.all": 1, "by=.=a_b;.;filterc.test.tenants": 1, "by=.=GET;.;filterc.test.methods": 1, "filterc.test.size": 2, "filterc.test.size#samples": 1 });
    expect(run("c", "get")).toEqual({ "filterc.test.all": 1, "by=.=c;.;filterc.test.tenants": 1, "by=.=other;.;filterc.test.methods": 1, "filterc.test.size#samples": 1 });
    expect(run("d")["by=.=other;.;filterc.test.tenants"]).toBe(1);
    expect(run(undefined)).toEqual({ "filterc.test.all": 1, "by=.=other;.;filterc.test.tenants": 1, "by=.=GET;.;filterc.test.methods": 1 });
    expect(interpret('on request_headers set "x" = "y"', exchangeOf()).metrics).toBeUndefined();
  });
});
