import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";
import type { ProxyWasmHost } from "../../host/index.js";

/** `set query` and `remove query`, run in the host: the exact `:path` the upstream receives. */

type Spec = Parameters<ProxyWasmHost["runStream"]>[0];

function upstreamPath(host: ProxyWasmHost, path: string, spec: Spec = {}): string | undefined {
  const result = host.runStream({ ...spec, request: { ...spec.request, path } });
  expect(host.state).toBe("ok");
  return header(result.upstreamRequest!.headers, ":path");
}

/** One compiled rule file, and the `:path` it turns each request path into. */
function pathCases(rules: string, cases: Array<[string, string, string]>): void {
  let host: ProxyWasmHost;
  it(`compiles ${rules}`, async () => {
    host = await hostFor(rules, { logLevel: 0 });
  });
  it.each(cases)("%s: %s -> %s", (_, before, after) => {
    expect(upstreamPath(host, before)).toBe(after);
  });
}

describe("set query", () => {
  pathCases('on request_headers set query "k" = "new"', [
    ["replaces the first k in place and removes later ones", "/p?a=1&k=old&b=2&k=dup", "/p?a=1&k=new&b=2"],
    ["appends when there is no k", "/p?a=1", "/p?a=1&k=new"],
    ["adds a query to a path without one", "/p", "/p?k=new"],
    ["fills an empty query", "/p?", "/p?k=new"],
    ["treats a bare k as a k parameter", "/p?k&a=1", "/p?k=new&a=1"],
    ["replaces an empty value", "/p?k=&a=1", "/p?k=new&a=1"],
    ["keeps other parameters' bytes, drops empty segments", "/p?a+b=%2F&&c=d&", "/p?a+b=%2F&c=d&k=new"],
    ["matches names by their decoded form", "/p?%6B=old&x=1", "/p?k=new&x=1"],
    ["matches names case-sensitively", "/p?K=1", "/p?K=1&k=new"],
    ["does not match a longer name", "/p?kk=1&k2=2", "/p?kk=1&k2=2&k=new"],
    ["keeps a fragment after the query", "/p?a=1#frag", "/p?a=1&k=new#frag"],
    ["adds the query before a fragment", "/p#frag", "/p?k=new#frag"],
    ["treats a ? after # as part of the fragment", "/p#f?k=1", "/p?k=new#f?k=1"],
  ]);
});

describe("remove query", () => {
  pathCases('on request_headers remove query "k"', [
    ["removes the only parameter and the ?", "/p?k=1", "/p"],
    ["removes every k, keeping the others in order", "/p?a=1&k=2&b=3&k=4", "/p?a=1&b=3"],
    ["removes bare and encoded names", "/p?k&%6B=1&c", "/p?c"],
    ["keeps the fragment when the query goes", "/p?k=1&k#frag", "/p#frag"],
    ["leaves a path without k exactly as it was", "/p?a=1&&b+c=%2f&", "/p?a=1&&b+c=%2f&"],
    ["leaves an empty query alone", "/p?", "/p?"],
    ["leaves a path without a query alone", "/p#k=1", "/p#k=1"],
    ["keeps other bytes as written", "/p?a+b=%2f&k=x&c=%7E", "/p?a+b=%2f&c=%7E"],
  ]);
});

describe("percent-encoding", () => {
  it("encodes everything but unreserved characters, in upper-case hex", async () => {
    const host = await hostFor('on request_headers set query "a b&=é" = "x y&z=é~-._/?#%+\\r\\n\\u{0}"', { logLevel: 0 });
    expect(upstreamPath(host, "/p")).toBe("/p?a%20b%26%3D%C3%A9=x%20y%26z%3D%C3%A9~-._%2F%3F%23%25%2B%0D%0A%00");
    // The existing parameter is found by its decoded name, whichever way it was encoded.
    expect(upstreamPath(host, "/p?a+b%26%3d%C3%A9=old&z=1")).toBe("/p?a%20b%26%3D%C3%A9=x%20y%26z%3D%C3%A9~-._%2F%3F%23%25%2B%0D%0A%00&z=1");
  });

  it("reads back the value it wrote through request.query", async () => {
    const rules = ['on request_headers set query "q" = "a b&c=é"', 'on request_headers when request.query["q"] == "a b&c=é" set "x-round-trip" = "yes"'].join("\n");
    const host = await hostFor(rules, { logLevel: 0 });
    const result = host.runStream({ request: { path: "/s?q=old" } });
    expect(header(result.upstreamRequest!.headers, ":path")).toBe("/s?q=a%20b%26c%3D%C3%A9");
    expect(header(result.upstreamRequest!.headers, "x-round-trip")).toBe("yes");
  });
});

describe("later reads see the change", () => {
  it("in the same rule, in later rules and in response rules", async () => {
    const rules = [
      'on request_headers { set "x-before" = "${request.query["v"]}"; set query "v" = "2"; set "x-same-rule" = request.query["v"]; set "x-path" = request.path }',
      'on request_headers when request.query["v"] == "2" set "x-later-rule" = "yes"',
      'on request_headers { remove query "v"; set "x-removed" = "${exists(request.query["v"])}" }',
      'on response_headers set "x-sent" = request.path',
    ].join("\n");
    const host = await hostFor(rules, { logLevel: 0 });
    const result = host.runStream({ request: { path: "/r?v=1&w=3" } });
    const upstream = (name: string) => header(result.upstreamRequest!.headers, name);
    expect(upstream("x-before")).toBe("1");
    expect(upstream("x-same-rule")).toBe("2");
    expect(upstream("x-path")).toBe("/r?v=2&w=3");
    expect(upstream("x-later-rule")).toBe("yes");
    expect(upstream("x-removed")).toBe("false");
    expect(upstream(":path")).toBe("/r?w=3");
    expect(header(result.response.headers, "x-sent")).toBe("/r?w=3");

    // A `?` after `#` belongs to the fragment: there is no `v` to read before the edit, and the new query goes first.
    const fragment = host.runStream({ request: { path: "/r#x?v=1" } });
    expect(header(fragment.upstreamRequest!.headers, "x-before")).toBe("");
    expect(header(fragment.upstreamRequest!.headers, "x-path")).toBe("/r?v=2#x?v=1");
  });
});

describe("conditions see the change", () => {
  it("shared tests of :path, and response rules decided on the request", async () => {
    const rules = [
      'on request_headers when request.path == "/a?k=1" set "x-1" = "1"',
      'on request_headers when request.path matches "k=1$" set "x-2" = "1"',
      'on request_headers set query "k" = "2"',
      'on request_headers when request.path == "/a?k=2" set "x-3" = "1"',
      'on request_headers when request.path matches "k=2$" set "x-4" = "1"',
      'on request_headers when request.path matches "k=1$" set "x-5" = "1"',
      'on response_headers when request.query["k"] == "2" set "x-6" = "1"',
      'on response_headers when request.path matches "k=1$" set "x-7" = "1"',
    ].join("\n");
    const host = await hostFor(rules, { logLevel: 0 });
    const result = host.runStream({ request: { path: "/a?k=1" } });
    const seen = (names: string[], headers: Array<[string, string]>) => names.filter((n) => header(headers, n) === "1");
    expect(seen(["x-1", "x-2", "x-3", "x-4", "x-5"], result.upstreamRequest!.headers)).toEqual(["x-1", "x-2", "x-3", "x-4"]);
    expect(seen(["x-6", "x-7"], result.response.headers)).toEqual(["x-6"]);
  });
});

describe("values", () => {
  const rules = [
    'param version = "3"',
    'on request_headers set query "api" = version',
    'on request_headers set query "from" = "${request.method}-${request.header["x-id"]}"',
    'on request_headers set query "n" = 42',
    'on request_headers set query "on" = true',
    'on request_headers set query "none" = request.header["x-none"]',
  ].join("\n");

  it("takes params, templates, ints, bools and absent values", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    expect(upstreamPath(host, "/v?api=1", { request: { method: "POST", headers: [["x-id", "a/b"]] } })).toBe("/v?api=3&from=POST-a%2Fb&n=42&on=true&none=");
  });

  it("encodes a param value from the plugin configuration", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ version: "4 5" }) });
    expect(upstreamPath(host, "/v", { request: { headers: [["x-id", "i"]] } })).toBe("/v?api=4%205&from=GET-i&n=42&on=true&none=");
  });
});

describe("memory", () => {
  it("many requests with long query strings do not grow memory", async () => {
    const host = await hostFor('on request_headers { set query "k" = "${request.header["x-v"]}"; remove query "drop" }', { logLevel: 0 });
    // Requests of every size up to the largest: memory is set by the largest one, not by how many came.
    const SIZES = 2000;
    const long = "é &".repeat(SIZES);
    const spec = (i: number): Spec => ({ request: { path: `/m?drop=1&a=${"x".repeat(i % SIZES)}&k=old&drop=2`, headers: [["x-v", long.slice(0, i % SIZES)]] } });
    for (let i = 0; i < SIZES; i++) host.runStream(spec(i));
    const afterWarmup = host.memoryPages();
    for (let i = 0; i < 10_000; i++) host.runStream(spec((i * 7919) % SIZES));
    expect(host.state).toBe("ok");
    expect(host.memoryPages()).toBe(afterWarmup);
    expect(upstreamPath(host, "/m?drop=1&k=old&z", { request: { headers: [["x-v", "a b"]] } })).toBe("/m?k=a%20b&z");
  });
});

/** The documented semantics, written independently of the runtime: ASCII paths, UTF-8 values. */
function referenceEdit(path: string, key: string, value: string | undefined): string {
  const hex = (b: number) => "%" + b.toString(16).toUpperCase().padStart(2, "0");
  const encode = (text: string) => [...new TextEncoder().encode(text)].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : hex(b))).join("");
  const decode = (name: string) => name.replace(/\+/g, " ").replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const hash = path.includes("#") ? path.indexOf("#") : path.length;
  const q = path.slice(0, hash).includes("?") ? path.indexOf("?") : hash;
  const param = value === undefined ? undefined : `${encode(key)}=${encode(value)}`;
  const kept: string[] = [];
  let found = false;
  for (const segment of q < hash ? path.slice(q + 1, hash).split("&") : []) {
    if (segment === "") continue;
    if (decode(segment.split("=")[0]!) !== key) kept.push(segment);
    else if (!found) {
      found = true;
      if (param !== undefined) kept.push(param);
    }
  }
  if (!found && param === undefined) return path;
  if (!found) kept.push(param!);
  const query = kept.join("&");
  return path.slice(0, q) + (query === "" ? "" : `?${query}`) + path.slice(hash);
}

describe("against the documented semantics", () => {
  const pathText = fc.stringMatching(/^\/[ka=&?#%6Bb+2-]{0,24}$/);
  const valueText = fc.string({ unit: fc.constantFrom("a", " ", "&", "=", "%", "~", "é", "+", "/", "#", "?", "k") , maxLength: 8 });

  it("set query and remove query agree with a reference on random paths", async () => {
    const host = await hostFor('on request_headers when exists(request.header["x-set"]) set query "k" = request.header["x-set"]\non request_headers when exists(request.header["x-remove"]) remove query "k"', { logLevel: 0 });
    fc.assert(
      fc.property(pathText, fc.option(valueText), (path, value) => {
        const headers: Array<[string, string]> = value === null ? [["x-remove", "1"]] : [["x-set", value]];
        expect(upstreamPath(host, path, { request: { headers } })).toBe(referenceEdit(path, "k", value ?? undefined));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

