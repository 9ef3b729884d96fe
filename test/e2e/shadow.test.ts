import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileText, header } from "../support/compile.js";

/** Shadow mode (docs/language.md, "Shadow mode: rolling out a rule"), run in the host. */

const RULES = `
param blocked = ["curl/", "Scrapy/"]
rule "block" shadow on request_headers when request.header["user-agent"] contains any blocked {
  log info "agent \${request.header["user-agent"]}"
  set "x-blocked" = "1"
  remove "x-keep"
  deny 403 "go away"
  set "x-unreached" = "1"
}
rule "move" on request_headers when request.path starts_with "/old/" {
  rewrite prefix "/old/" to "/new/"
  set query "moved" = "1"
  stop
}
rule "after" on request_headers set "x-after" = "\${request.path}"
rule "hsts" on response_headers when response.status == 200 {
  set "strict-transport-security" = "max-age=600"
  rename "server" to "x-server"
}
rule "go" shadow on request_headers when request.path == "/go" redirect 301 "/gone"
on request_headers when request.path == "/anon" set "x-anon" = "1"
`;

const CURL = { request: { path: "/x", headers: { "user-agent": "curl/8", "x-keep": "k" } } };
const OLD = { request: { path: "/old/a?q=1" } };

const LEVEL_INFO = 2;
const LEVEL_WARN = 3;

async function host(pluginConfig?: string) {
  return loadHost(await compileText(RULES, "shadow.fw"), { logLevel: 0, ...(pluginConfig !== undefined && { pluginConfig }) });
}

type Host = Awaited<ReturnType<typeof host>>;
const upstream = (r: ReturnType<Host["runStream"]>, name: string) => (r.upstreamRequest === undefined ? undefined : header(r.upstreamRequest.headers, name));
const infos = (r: ReturnType<Host["runStream"]>) => r.logs.filter((l) => l.level === LEVEL_INFO).map((l) => l.message);
const warnings = (logs: readonly { level: number; message: string }[]) => logs.filter((l) => l.level === LEVEL_WARN).map((l) => l.message);
const counter = (h: Host, rule: string) => h.metrics().get(`filterc.shadow.shadow.${rule}`)?.value;

describe("a rule declared shadow", () => {
  it("applies nothing, logs what it would have done, runs its log actions and counts each firing", async () => {
    const h = await host();
    const r = h.runStream(CURL);
    expect(r.localResponse).toBeUndefined();
    expect(r.response.status).toBe(200);
    expect([upstream(r, "x-blocked"), upstream(r, "x-keep"), upstream(r, "x-unreached"), upstream(r, "x-after")]).toEqual([undefined, "k", undefined, "/x"]);
    // Its own log action first, then one line that stops at the deny, as enforcing would.
    expect(infos(r)).toEqual(["agent curl/8", 'shadow rule "block": would set x-blocked, remove x-keep, deny 403']);
    expect(counter(h, "block")).toBe(1n);
    h.runStream(CURL);
    expect(counter(h, "block")).toBe(2n);
    // A request that does not match: no line, no count.
    expect(infos(h.runStream({ request: { path: "/x", headers: { "user-agent": "firefox" } } }))).toEqual([]);
    expect(counter(h, "block")).toBe(2n);
  });

  it("defines its counter when configured, before any firing; an enforced rule has one too, at zero", async () => {
    const h = await host();
    expect([counter(h, "block"), counter(h, "go"), counter(h, "move"), counter(h, "hsts")]).toEqual([0n, 0n, 0n, 0n]);
  });

  it("does not redirect, and names the location", async () => {
    const h = await host();
    const r = h.runStream({ request: { path: "/go" } });
    expect([r.localResponse, upstream(r, "x-after")]).toEqual([undefined, "/go"]);
    expect(infos(r)).toEqual(['shadow rule "go": would redirect 301 to /gone']);
  });

  it("leaves enforced and anonymous rules as they are", async () => {
    const h = await host();
    const r = h.runStream({ request: { path: "/old/a?q=1", headers: { "user-agent": "firefox" } }, response: { headers: { server: "s" } } });
    // `stop` of the enforced rule ends the phase: "after" does not run.
    expect([upstream(r, ":path"), upstream(r, "x-after")]).toEqual(["/new/a?q=1&moved=1", undefined]);
    expect([header(r.response.headers, "strict-transport-security"), header(r.response.headers, "x-server")]).toEqual(["max-age=600", "s"]);
    expect(upstream(h.runStream({ request: { path: "/anon" } }), "x-anon")).toBe("1");
    expect(infos(r)).toEqual([]);
  });
});

describe("the plugin configuration", () => {
  it("enforce_rules enforces a shadow rule", async () => {
    const h = await host('{"enforce_rules": ["block"]}');
    const r = h.runStream(CURL);
    expect([r.localResponse?.status, r.upstreamRequest]).toEqual([403, undefined]);
    expect(infos(r)).toEqual(["agent curl/8"]);
    expect(counter(h, "block")).toBe(0n);
  });

  it("shadow_rules shadows an enforced rule: no rewrite, no query edit, and `stop` does not stop", async () => {
    const h = await host('{"shadow_rules": ["move", "hsts"]}');
    const r = h.runStream({ ...OLD, response: { headers: { server: "s" } } });
    expect([upstream(r, ":path"), upstream(r, "x-after")]).toEqual(["/old/a?q=1", "/old/a?q=1"]);
    expect([header(r.response.headers, "strict-transport-security"), header(r.response.headers, "server")]).toEqual([undefined, "s"]);
    expect(infos(r)).toEqual(['shadow rule "move": would rewrite prefix /old/, set query moved, stop', 'shadow rule "hsts": would set strict-transport-security, rename server to x-server']);
    expect([counter(h, "move"), counter(h, "hsts")]).toEqual([1n, 1n]);
  });

  it("flips rules back and forth at runtime, without a rebuild", async () => {
    const h = await host();
    expect(h.reconfigure('{"enforce_rules": ["block"], "shadow_rules": ["move"]}')).toBe(true);
    expect(h.runStream(CURL).localResponse?.status).toBe(403);
    expect(upstream(h.runStream(OLD), ":path")).toBe("/old/a?q=1");
    expect(h.reconfigure("{}")).toBe(true);
    expect(h.runStream(CURL).localResponse).toBeUndefined();
    expect(upstream(h.runStream(OLD), ":path")).toBe("/new/a?q=1&moved=1");
  });

  it("disabled_rules wins over both lists", async () => {
    const h = await host('{"disabled_rules": ["block", "move"], "enforce_rules": ["block"], "shadow_rules": ["move"]}');
    const r = h.runStream(CURL);
    expect([r.localResponse, infos(r)]).toEqual([undefined, []]);
    const moved = h.runStream(OLD);
    expect([upstream(moved, ":path"), infos(moved)]).toEqual(["/old/a?q=1", []]);
    expect([counter(h, "block"), counter(h, "move")]).toEqual([0n, 0n]);
  });

  it("keeps the declared mode of a rule named in both lists, with a warning", async () => {
    const h = await host('{"shadow_rules": ["block", "move", "nope"], "enforce_rules": ["block", "move"]}');
    expect(warnings(h.logs)).toEqual([
      "plugin configuration: rule in both shadow_rules and enforce_rules: block, its declared mode kept",
      "plugin configuration: rule in both shadow_rules and enforce_rules: move, its declared mode kept",
    ]);
    // "block" stays shadow, "move" stays enforced; "nope" names no rule and is ignored.
    expect(h.runStream(CURL).localResponse).toBeUndefined();
    expect(upstream(h.runStream(OLD), ":path")).toBe("/new/a?q=1&moved=1");
  });

  it("refuses a list of other values with the usual warning, keeping the declared modes", async () => {
    const h = await host('{"enforce_rules": "block", "shadow_rules": [1]}');
    expect(warnings(h.logs)).toEqual(["plugin configuration: wrong type, default kept for enforce_rules", "plugin configuration: wrong type, default kept for shadow_rules"]);
    expect(h.runStream(CURL).localResponse).toBeUndefined();
    expect(upstream(h.runStream(OLD), ":path")).toBe("/new/a?q=1&moved=1");
  });

  it("are unknown keys to a filter without shadow rules", async () => {
    const h = await loadHost(await compileText('rule "a" on request_headers set "x-a" = "1"'), { logLevel: 0, pluginConfig: '{"shadow_rules": ["a"]}' });
    expect(warnings(h.logs)).toEqual(["plugin configuration: unknown key, ignored: shadow_rules"]);
    expect(upstream(h.runStream({}), "x-a")).toBe("1");
  });

  it("are a param's keys when params have those names", async () => {
    const rules = 'param shadow_rules = ["x"]\nrule "a" shadow on request_headers when request.header["h"] in shadow_rules set "x-a" = "1"\nrule "b" on request_headers set "x-b" = "1"';
    const h = await loadHost(await compileText(rules), { logLevel: 0, pluginConfig: '{"shadow_rules": ["b"], "enforce_rules": ["a"]}' });
    const r = h.runStream({ request: { headers: { h: "b" } } });
    expect([upstream(r, "x-a"), upstream(r, "x-b"), warnings(h.logs)]).toEqual(["1", "1", []]);
  });
});

describe("shadow rules with else", () => {
  it("report the branch that held", async () => {
    const rules = `rule "lane" shadow on request_headers when request.path == "/a" set "x-lane" = "a"
  else when request.path == "/log" log warn "just looking"
  else deny 429`;
    const h = await loadHost(await compileText(rules), { logLevel: 0 });
    const lines = (path: string) => h.runStream({ request: { path } }).logs.map((l) => l.message);
    expect(lines("/a")).toEqual(['shadow rule "lane": would set x-lane']);
    expect(lines("/log")).toEqual(["just looking", 'shadow rule "lane": matched, nothing to enforce']);
    expect(lines("/z")).toEqual(['shadow rule "lane": would deny 429']);
    expect(h.runStream({ request: { path: "/z" } }).localResponse).toBeUndefined();
    expect(h.metrics().get("filterc.test.shadow.lane")?.value).toBe(4n);
  });

  it("name their counter with the rule's name made a stat name, and escape their log line", async () => {
    const h = await loadHost(await compileText('rule "new block\\n2" shadow on request_headers deny 403'), { logLevel: 0 });
    expect(h.runStream({}).logs.map((l) => l.message)).toEqual(['shadow rule "new block\\n2": would deny 403']);
    expect(h.metrics().get("filterc.test.shadow.new_block_2")?.value).toBe(1n);
  });
});
