import { describe, expect, it } from "vitest";
import type { StreamResult } from "../../host/index.js";
import { header, hostFor, text } from "../support/compile.js";

/**
 * `match[N]`: the groups of a rule's `matches`, read in its actions (docs/language.md, "Match groups"), found in
 * the filter by the group pass of runtime/match-groups.ts over the value the condition matched.
 */

const location = (result: StreamResult) => (result.localResponse === undefined ? undefined : header(result.localResponse.headers, "location"));
const upstream = (result: StreamResult, name: string) => (result.upstreamRequest === undefined ? undefined : header(result.upstreamRequest.headers, name));

describe("match groups", () => {
  it("redirect a prefix and keep the rest, query string included (request.path is all of :path)", async () => {
    const host = await hostFor(`on request_headers when request.path matches "^/old/(.*)$" redirect 301 "/new/\${match[1]}"`);
    const moved = host.runStream({ request: { path: "/old/x/y?q=1" } });
    expect(moved.localResponse?.status).toBe(301);
    expect(location(moved)).toBe("/new/x/y?q=1");
    expect(location(host.runStream({ request: { path: "/old/" } }))).toBe("/new/");
    const other = host.runStream({ request: { path: "/older/x" } });
    expect(other.localResponse).toBeUndefined();
    expect(other.upstreamRequest?.headers).toContainEqual([":path", "/older/x"]);
  });

  it("give match[0] the whole match: the leftmost, and the longest from there", async () => {
    const host = await hostFor(`on request_headers when request.header["x-in"] matches "a+b*" set "x-out" = "[\${match[0]}]"`);
    const result = host.runStream({ request: { headers: { "x-in": "xxaabbyaaabbbb" } } });
    expect(upstream(result, "x-out")).toBe("[aabb]");
  });

  it("number groups by their `(` from the left, nested ones included, and skip (?:...) groups", async () => {
    const host = await hostFor(
      `on request_headers when request.path matches "^/(?:v(\\\\d+))/((\\\\w+)-(\\\\d+))" set "x-g" = "\${match[1]}|\${match[2]}|\${match[3]}|\${match[4]}"`,
    );
    expect(upstream(host.runStream({ request: { path: "/v2/item-42/rest" } }), "x-g")).toBe("2|item-42|item|42");
  });

  it("take alternation groups from the alternative that matched; a group that took no part is empty text", async () => {
    const host = await hostFor(`on request_headers when request.path matches "^/(?:(api)|(admin))/(.*)$" {
  set "x-api" = "<\${match[1]}>"
  set "x-admin" = "<\${match[2]}>"
  set "x-rest" = match[3]
}`);
    const api = host.runStream({ request: { path: "/api/users" } });
    expect([upstream(api, "x-api"), upstream(api, "x-admin"), upstream(api, "x-rest")]).toEqual(["<api>", "<>", "users"]);
    const admin = host.runStream({ request: { path: "/admin/" } });
    expect([upstream(admin, "x-api"), upstream(admin, "x-admin"), upstream(admin, "x-rest")]).toEqual(["<>", "<admin>", ""]);
  });

  it("resolve ambiguous groups by the first alternative and greedy repetition among paths giving that match", async () => {
    const host = await hostFor(`on request_headers when request.header["x-in"] matches "(a|ab)(c|bcd)(d*)" set "x-g" = "\${match[1]},\${match[2]},\${match[3]}"
on request_headers when request.header["x-in"] matches "^(a*)(a*)$" set "x-h" = "\${match[1]},\${match[2]}"`);
    const result = host.runStream({ request: { headers: { "x-in": "abcd" } } });
    expect(upstream(result, "x-g")).toBe("a,bcd,");
    expect(upstream(host.runStream({ request: { headers: { "x-in": "aaa" } } }), "x-h")).toBe("aaa,");
  });

  it("keep the value the condition matched, even after an action changes it", async () => {
    const host = await hostFor(`on request_headers when request.path matches "^/u/([^/]+)" {
  rewrite path "/profile"
  set "x-user" = match[1]
  log info "user \${match[1]} on \${request.path}"
}`);
    const result = host.runStream({ request: { path: "/u/ann/settings" } });
    expect(upstream(result, "x-user")).toBe("ann");
    expect(upstream(result, ":path")).toBe("/profile");
    expect(result.logs.map((l) => l.message)).toEqual(["user ann on /profile"]);
  });

  it("work in response rules on request values, in bodies and reply headers, and per rule", async () => {
    const host = await hostFor(`on response_headers when request.path matches "^/t/([a-z]+)" and response.status == 200 set "x-tenant" = match[1]
on request_headers when request.header["authorization"] matches "^Bearer (.+)$" and request.path starts_with "/deny" respond 403 "token \${match[1]}\\n" with { "x-token" = match[1] }`);
    const tenant = host.runStream({ request: { path: "/t/acme/x" } });
    expect(header(tenant.response.headers, "x-tenant")).toBe("acme");
    expect(header(host.runStream({ request: { path: "/t/acme/x" }, response: { status: 404 } }).response.headers, "x-tenant")).toBeUndefined();
    const denied = host.runStream({ request: { path: "/deny", headers: { authorization: "Bearer abc.def" } } });
    expect(denied.localResponse?.status).toBe(403);
    expect(text(denied.localResponse!.body)).toBe("token abc.def\n");
    expect(header(denied.localResponse!.headers, "x-token")).toBe("abc.def");
  });

  // A rule whose pattern is one-pass tests its condition with the group pass itself (lowerWithGroupTest in
  // compiler/lower/match-groups.ts): what it decides must be what the DFA test decided.
  it("test the condition with the group pass: absent values, shared tests, test sets and later conjuncts", async () => {
    const paths = Array.from({ length: 9 }, (_, i) => `on request_headers when request.path == "/p${i}" set "x-p" = "${i}"`).join("\n");
    const host = await hostFor(`on request_headers when request.header["x-in"] matches "^(.*)$" set "x-all" = "<\${match[1]}>"
on request_headers when request.path matches "^/a/([a-z]+)$" set "x-plain" = "yes"
on request_headers when request.path matches "^/a/([a-z]+)$" and request.header["x-go"] == "1" set "x-a" = match[1]
on request_headers when request.path matches "^/a/([a-z]+)/?" and request.header["x-go"] == "2" set "x-b" = match[1]
on request_headers when request.path matches "^/(p)([0-9])$" set "x-set" = "\${match[1]}\${match[2]}"
${paths}`);
    // An absent header matches nothing, though the pattern matches the empty string.
    const absent = host.runStream({ request: { path: "/" } });
    expect(upstream(absent, "x-all")).toBeUndefined();
    expect(upstream(host.runStream({ request: { path: "/", headers: { "x-in": "" } } }), "x-all")).toBe("<>");
    // The same test without `match`, then with it; a later conjunct that fails leaves the next rule its own groups.
    const a = host.runStream({ request: { path: "/a/bc", headers: { "x-go": "1" } } });
    expect([upstream(a, "x-plain"), upstream(a, "x-a"), upstream(a, "x-b")]).toEqual(["yes", "bc", undefined]);
    const b = host.runStream({ request: { path: "/a/de", headers: { "x-go": "2" } } });
    expect([upstream(b, "x-plain"), upstream(b, "x-a"), upstream(b, "x-b")]).toEqual(["yes", undefined, "de"]);
    expect(upstream(host.runStream({ request: { path: "/a/B", headers: { "x-go": "1" } } }), "x-a")).toBeUndefined();
    // request.path has a test set (nine constants): the rule reading groups still sees its own.
    const set = host.runStream({ request: { path: "/p7" } });
    expect([upstream(set, "x-set"), upstream(set, "x-p")]).toEqual(["p7", "7"]);
    expect(upstream(host.runStream({ request: { path: "/p77" } }), "x-set")).toBeUndefined();
  });

  it("take 20 KB values request after request without memory growing past the first", async () => {
    const host = await hostFor(`on request_headers when request.header["x-long"] matches "^(x+)(y?)$" set "x-len" = "\${match[2]}:ok"`);
    host.runStream({ request: { headers: { "x-long": "x".repeat(20_200) } } });
    const pages = host.memoryPages();
    for (let i = 0; i < 200; i++) {
      const long = "x".repeat(20_000 + i) + (i % 2 === 0 ? "y" : "");
      const result = host.runStream({ request: { headers: { "x-long": long } } });
      expect(upstream(result, "x-len")).toBe(i % 2 === 0 ? "y:ok" : ":ok");
    }
    expect(host.memoryPages()).toBe(pages);
  });
});
