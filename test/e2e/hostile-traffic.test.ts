import { describe, expect, it } from "vitest";
import type { ProxyWasmHost, StreamResult, StreamSpec } from "../../host/index.js";
import { header, hostFor, readExample } from "../support/compile.js";

/**
 * Compiled filters under hostile traffic and hostile plugin configurations (issue 13): the examples and a rule file
 * reading every field, run in host/ with 10,000 headers, 1 MB values, empty header names, non-UTF-8 text, missing
 * pseudo-headers, a huge :path; configurations that are invalid JSON, of the wrong types, 1 MB, or nested 100
 * levels deep. No trap, the documented outcome, and memory that does not grow with the number of requests.
 *
 * host/ keeps header values as JavaScript strings; a lone surrogate U+DC80-U+DCFF stands for the byte 0x80-0xFF
 * (host/utf8.ts), any other lone surrogate is sent as the encoded U+FFFD. The cases below use both, Latin-1
 * characters (two bytes each), NUL and other control characters.
 */

/** Reads every field, every param type, and the operators that scan values (matches, in, lower, contains). */
const EVERY_FIELD = `
param tag = "t"
param nets = ["10.0.0.0/8", "2001:db8::/32"]
param port = 8080
param strict = true
on request_headers set "x-all" = "\${request.method}|\${request.path}|\${request.host}|\${request.scheme}|\${request.id}|\${request.header["x-a"]}|\${request.query["q"]}|\${request.cookie["c"]}|\${source.address}|\${destination.port}|\${connection.mtls}|\${source.principal}|\${tag}|\${port}|\${strict}"
rule "scan" on request_headers
  when source.address in nets or request.path matches "^/a[0-9]+$" or lower(request.header["user-agent"]) contains "bot" or destination.port == port
  set "x-scan" = "1"
on response_headers set "x-resp" = "\${response.status}|\${response.header["server"]}|\${request.query["q"]}"
on response_headers when response.header["x-b"] ends_with "z" and strict remove prefix "x-b"
`;

const PROGRAMS: ReadonlyArray<{ name: string; text: string }> = [
  ...["hello.fw", "security-headers.fw", "admin-gate.fw", "canary.fw", "legacy-redirects.fw", "login-redirect.fw"].map((name) => ({ name, text: readExample(name) })),
  { name: "every field", text: EVERY_FIELD },
];

const MB = 1 << 20;
const many = (n: number, prefix: string): Array<[string, string]> => Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, `v${i}`]);
const big = (c: string) => c.repeat(MB);

/** Hostile requests (and responses), each a whole stream through runStream. */
const HOSTILE: ReadonlyArray<{ name: string; spec: StreamSpec }> = [
  { name: "10,000 request and response headers", spec: { request: { headers: many(10_000, "x-h") }, response: { headers: many(10_000, "x-b") } } },
  {
    name: "1 MB header values",
    spec: {
      request: { path: "/admin/x?q=1", headers: [["x-a", big("a")], ["user-agent", big("B")], ["cookie", `c=${big("c")}; release=canary`], ["x-canary", big("t")], ["x-admin-token", big("k")]] },
      response: { headers: [["server", big("s")], ["x-b", `${big("b")}z`]] },
    },
  },
  { name: "empty header names", spec: { request: { headers: [["", "v"], ["", ""], ["x-a", ""]] }, response: { headers: [["", "v"], ["server", ""]] } } },
  {
    name: "text that is not UTF-8 as far as host/ allows",
    spec: {
      request: { path: "/\uD800?q=%FF%C0%AF\uDFFF", headers: [["x-a", "\uD800\uDC00\uDBFF\xFF\x00\x01\x7F\uDCFF\uDC80"], ["cookie", "c=\uDC00\xE9"], ["x-admin-token", "\uD83D"]] },
      response: { headers: [["server", "\xFF\uDFFF"], ["x-b", "\uD800z"]] },
    },
  },
  { name: "a 1 MB :path with a query", spec: { request: { path: `/a${"1".repeat(MB)}?q=${big("%")}&q=2`, headers: [["x-a", "1"]] } } },
  { name: "a 1 MB :authority and :method", spec: { request: { authority: big("h"), method: big("M"), scheme: big("s") } } },
];

function expectNoTrap(host: ProxyWasmHost, result: StreamResult, what: string): void {
  expect(result.trap, what).toBeUndefined();
  expect(host.state, what).toBe("ok");
  // The stream ended one of the two documented ways: the upstream got the request, or the filter answered.
  expect(result.upstreamRequest !== undefined || result.localResponse !== undefined, what).toBe(true);
}

describe.each(PROGRAMS)("$name under hostile traffic", ({ name, text }) => {
  it("never traps, and keeps doing what the rules say", async () => {
    const host = await hostFor(text, { logLevel: 0 });
    for (const { name: what, spec } of HOSTILE) {
      const result = host.runStream(spec);
      expectNoTrap(host, result, what);
      if (name === "hello.fw") expect(header(result.response.headers, "hello"), what).toBe("world");
      if (name === "security-headers.fw") expect(header(result.response.headers, "x-frame-options"), what).toBe("DENY");
      if (name === "legacy-redirects.fw" && what === "1 MB header values") expect(result.localResponse?.status, what).toBe(431);
      if (name === "every field") {
        const all = header(result.upstreamRequest!.headers, "x-all");
        if (spec.request?.headers?.toString().includes("\x00")) {
          // x-a holds NUL: the action is skipped with a warning (docs/language.md, "Headers").
          expect(all, what).toBeUndefined();
          expect(result.logs.map((l) => l.message), what).toContain('skipped header "x-all": its value contains CR, LF or NUL');
        } else expect(all, what).toMatch(/\|t\|8080\|true$/);
      }
    }
  });

  it("reads absent pseudo-headers (:path, :method, :authority, :scheme) as absent values, without a trap", async () => {
    const host = await hostFor(text, { logLevel: 0 });
    const stream = host.openStream({ response: { headers: [["server", "s"]] } }, true);
    stream.requestHeaders([["x-a", "1"], ["cookie", "c=v"]], true);
    const result = stream.close();
    expectNoTrap(host, result, "no pseudo-headers");
    // An absent value interpolates as the empty string (docs/language.md, "Missing values").
    if (name === "every field") expect(header(result.upstreamRequest!.headers, "x-all")).toBe("|||||1||v|127.0.0.1|8080|false||t|8080|true");
    if (name === "hello.fw") expect(header(result.response.headers, "hello")).toBe("world");
  });

  it("keeps memory flat: pages after 4 large requests are the pages after 24", async () => {
    const host = await hostFor(text, { logLevel: 0 });
    const large = HOSTILE.slice(0, 2).map((h) => h.spec);
    for (let i = 0; i < 4; i++) host.runStream(large[i % 2]!);
    const afterFew = host.memoryPages();
    for (let i = 0; i < 20; i++) expectNoTrap(host, host.runStream(large[i % 2]!), `large request ${i}`);
    expect({ afterFew, afterMany: host.memoryPages() }).toEqual({ afterFew, afterMany: afterFew });
    // Bounded by the largest single request (about 5 MB of headers each way), not by the number of them.
    // The program reading every field copies the 1 MB values into linear memory: the requests were large for it.
    if (name === "every field") expect(afterFew * 64 * 1024).toBeGreaterThan(MB);
    expect(afterFew * 64 * 1024).toBeLessThan(64 * MB);
  });
});

const warnings = (host: ProxyWasmHost) => host.logs.filter((l) => l.level === 3).map((l) => l.message);
const nested = (depth: number, inner: string) => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

describe("security-headers.fw under malformed plugin configurations: a warning, and the defaults kept", () => {
  const hsts = (host: ProxyWasmHost) => header(host.runStream({}).response.headers, "strict-transport-security");
  const frame = (host: ProxyWasmHost) => header(host.runStream({}).response.headers, "x-frame-options");
  const DEFAULT_HSTS = "max-age=31536000; includeSubDomains";
  const NOT_AN_OBJECT = "plugin configuration is not a JSON object: using defaults";

  const cases: ReadonlyArray<{ name: string; config: string; warnings: string[]; hsts: string; frame: string }> = [
    { name: "invalid JSON", config: '{"hsts_max_age": 5,', warnings: [NOT_AN_OBJECT], hsts: DEFAULT_HSTS, frame: "DENY" },
    { name: "not an object", config: "[1, 2]", warnings: [NOT_AN_OBJECT], hsts: DEFAULT_HSTS, frame: "DENY" },
    { name: "1 MB of invalid JSON", config: `{"frame_options": "${big("x")}`, warnings: [NOT_AN_OBJECT], hsts: DEFAULT_HSTS, frame: "DENY" },
    {
      name: "wrong types",
      config: JSON.stringify({ hsts_max_age: "one year", frame_options: 3 }),
      warnings: ["plugin configuration: wrong type, default kept for hsts_max_age", "plugin configuration: wrong type, default kept for frame_options"],
      hsts: DEFAULT_HSTS,
      frame: "DENY",
    },
    {
      name: "a 1 MB unknown key beside a good one",
      config: JSON.stringify({ padding: big("p"), hsts_max_age: 5 }),
      warnings: ["plugin configuration: unknown key, ignored: padding"],
      hsts: "max-age=5; includeSubDomains",
      frame: "DENY",
    },
    {
      name: "arrays nested 100 levels, unknown and of the wrong type",
      config: `{"deep": ${nested(100, '"x"')}, "frame_options": ${nested(100, "1")}, "hsts_max_age": 7}`,
      warnings: ["plugin configuration: unknown key, ignored: deep", "plugin configuration: wrong type, default kept for frame_options"],
      hsts: "max-age=7; includeSubDomains",
      frame: "DENY",
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const host = await hostFor(readExample("security-headers.fw"), { logLevel: 0, pluginConfig: c.config });
      expect(host.state).toBe("ok");
      expect(warnings(host)).toEqual(c.warnings);
      expect({ hsts: hsts(host), frame: frame(host) }).toEqual({ hsts: c.hsts, frame: c.frame });
    });
  }

  it("keeps memory flat over repeated 1 MB configurations", async () => {
    const host = await hostFor(readExample("security-headers.fw"), { logLevel: 0 });
    const configs = cases.map((c) => c.config);
    for (const config of configs) expect(host.reconfigure(config)).toBe(true);
    const afterOnce = host.memoryPages();
    for (let i = 0; i < 3; i++) for (const config of configs) expect(host.reconfigure(config)).toBe(true);
    expect(host.state).toBe("ok");
    expect(host.memoryPages()).toBe(afterOnce);
  });

  it("hello.fw, which has no params, ignores any configuration with a warning", async () => {
    for (const config of ['{"x":', nested(100, "1"), JSON.stringify({ padding: big("p") })]) {
      const host = await hostFor(readExample("hello.fw"), { logLevel: 0, pluginConfig: config });
      expect(host.state).toBe("ok");
      expect(warnings(host)).toEqual(["plugin configuration ignored: this filter has no params or named rules"]);
      expect(header(host.runStream({}).response.headers, "hello")).toBe("world");
    }
  });
});
