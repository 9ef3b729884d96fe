import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";
import type { ProxyWasmHost } from "../../host/index.js";

/**
 * The string functions of docs/language.md, "Functions", compiled and run in the host. Each expression below is
 * one rule, `when size(EXPR) >= 0 set "x-N" = EXPR`: the header is there with the function's value when the call
 * has one, and missing when the call is absent (size(absent) is absent, and so the comparison is false).
 */
const EXPRESSIONS = {
  size: 'size(request.header["x-in"])',
  upper: 'upper(request.header["x-in"])',
  trimPrefix: 'trim_prefix(request.header["x-in"], "ab")',
  trimPrefixComputed: 'trim_prefix(request.header["x-in"], request.header["x-p"])',
  trimSuffix: 'trim_suffix(request.header["x-in"], "yz")',
  substringFrom: 'substring(request.header["x-in"], 2)',
  substringSlice: 'substring(request.header["x-in"], 1, 3)',
  substringParams: 'substring(request.header["x-in"], start, count)',
  splitFirst: 'split_first(request.header["x-in"], "/")',
  splitLast: 'split_last(request.header["x-in"], "/")',
  splitLastLong: 'split_last(request.header["x-in"], "::")',
  replace: 'replace(request.header["x-in"], "aa", request.header["x-to"])',
  replaceLiteral: 'replace(request.header["x-in"], "é", "e")',
  encode: 'url_encode(request.header["x-in"])',
  decode: 'url_decode(request.header["x-in"])',
  nested: 'upper(split_last(trim_suffix(request.header["x-in"], "yz"), "/"))',
} as const;

type Name = keyof typeof EXPRESSIONS;
const NAMES = Object.keys(EXPRESSIONS) as Name[];
const headerOf = (name: Name) => `x-${NAMES.indexOf(name)}`;

const PROGRAM = [
  "param start = 0",
  "param count = 2",
  ...NAMES.map((name) => `on request_headers when ${presence(name)} set "${headerOf(name)}" = ${EXPRESSIONS[name]}`),
].join("\n");

/** A condition true exactly when the call has a value. */
function presence(name: Name): string {
  return name === "size" ? `${EXPRESSIONS.size} >= 0` : `size(${EXPRESSIONS[name]}) >= 0`;
}

let host: ProxyWasmHost;
let configured: ProxyWasmHost;

/** What each function gave for request headers `headers`: a value, or undefined when the call was absent. */
function run(target: ProxyWasmHost, headers: Array<[string, string]>): Partial<Record<Name, string>> {
  const result = target.runStream({ request: { headers } });
  expect(target.state).toBe("ok");
  const upstream = result.upstreamRequest!.headers;
  return Object.fromEntries(NAMES.flatMap((name) => (header(upstream, headerOf(name)) === undefined ? [] : [[name, header(upstream, headerOf(name))]])));
}

describe("string functions in the host", () => {
  it("compiles one rule per function", async () => {
    host = await hostFor(PROGRAM, { logLevel: 0 });
    configured = await hostFor(PROGRAM, { logLevel: 0, pluginConfig: JSON.stringify({ start: -3, count: -1 }) });
  });

  it("gives every function an absent value for an absent argument", () => {
    expect(run(host, [])).toEqual({});
    // `x-in` is there but `x-p` and `x-to` are not: only the calls that read those are absent.
    const values = run(host, [["x-in", "abc"]]);
    expect(values.trimPrefixComputed).toBeUndefined();
    expect(values.replace).toBeUndefined();
    expect(values.size).toBe("3");
  });

  it("computes each function on ASCII text", () => {
    expect(run(host, [["x-in", "ab/cd/aaa.xyz"], ["x-p", "ab/"], ["x-to", "-"]])).toEqual({
      size: "13",
      upper: "AB/CD/AAA.XYZ",
      trimPrefix: "/cd/aaa.xyz",
      trimPrefixComputed: "cd/aaa.xyz",
      trimSuffix: "ab/cd/aaa.x",
      substringFrom: "/cd/aaa.xyz",
      substringSlice: "b/c",
      substringParams: "ab",
      splitFirst: "ab",
      splitLast: "aaa.xyz",
      splitLastLong: "ab/cd/aaa.xyz",
      // Left to right, not overlapping: `aaa` holds one `aa`, then an `a`.
      replace: "ab/cd/-a.xyz",
      replaceLiteral: "ab/cd/aaa.xyz",
      encode: "ab%2Fcd%2Faaa.xyz",
      decode: "ab/cd/aaa.xyz",
      nested: "AAA.X",
    });
  });

  it("replaces with a text longer than the one it replaces, at the start, the end and side by side", () => {
    expect(run(host, [["x-in", "aaXaaaaYaa"], ["x-to", "<-->"]]).replace).toBe("<-->X<--><-->Y<-->");
    expect(run(host, [["x-in", "aaaaa"], ["x-to", "b"]]).replace).toBe("bba");
  });

  it("makes replace absent when its text would grow past 1 MiB, and not before", () => {
    const value = "a".repeat(1024);
    // 1,024 `aa` each becoming 1,024 bytes: exactly 1 MiB, then one byte more.
    expect(run(host, [["x-in", value + value], ["x-to", value]]).replace?.length).toBe(1 << 20);
    expect(run(host, [["x-in", value + value], ["x-to", value + "b"]]).replace).toBeUndefined();
  });

  it("handles empty strings", () => {
    expect(run(host, [["x-in", ""], ["x-p", ""], ["x-to", ""]])).toEqual({
      size: "0",
      upper: "",
      trimPrefix: "",
      trimPrefixComputed: "",
      trimSuffix: "",
      substringFrom: "",
      substringSlice: "",
      substringParams: "",
      splitFirst: "",
      splitLast: "",
      splitLastLong: "",
      replace: "",
      replaceLiteral: "",
      encode: "",
      decode: "",
      nested: "",
    });
    // An empty computed prefix trims nothing; replacing with the empty text removes.
    expect(run(host, [["x-in", "aaXaa"], ["x-p", ""], ["x-to", ""]])).toMatchObject({ trimPrefixComputed: "aaXaa", replace: "X" });
  });

  it("counts bytes of non-ASCII text and leaves its bytes alone", () => {
    const values = run(host, [["x-in", "é/😀::ü"], ["x-to", "-"]]);
    expect(values).toMatchObject({
      size: String(new TextEncoder().encode("é/😀::ü").length),
      // ASCII letters only: é and ü stay as they are.
      upper: "é/😀::ü",
      splitFirst: "é",
      splitLast: "😀::ü",
      splitLastLong: "ü",
      replaceLiteral: "e/😀::ü",
      encode: "%C3%A9%2F%F0%9F%98%80%3A%3A%C3%BC",
      decode: "é/😀::ü",
    });
  });

  it("clamps substring to the text, counts a negative start from the end, and reads a negative length as 0", () => {
    expect(run(host, [["x-in", "a"]])).toMatchObject({ substringFrom: "", substringSlice: "", substringParams: "a" });
    expect(run(host, [["x-in", "abcdef"]])).toMatchObject({ substringFrom: "cdef", substringSlice: "bcd", substringParams: "ab" });
    // start -3, count -1 from the plugin configuration.
    expect(run(configured, [["x-in", "abcdef"]])).toMatchObject({ substringParams: "" });
  });

  it("decodes %XX in either case, keeps +, and is absent on a malformed escape", () => {
    expect(run(host, [["x-in", "a%2fb%2F+%41%c3%a9"]]).decode).toBe("a/b/+Aé");
    for (const malformed of ["%", "50%", "%4", "%zz", "a%g1", "%%41"]) {
      expect(run(host, [["x-in", malformed]]).decode, malformed).toBeUndefined();
    }
  });

  it("encodes every byte but the unreserved ones, in upper-case hex", () => {
    expect(run(host, [["x-in", "AZaz09-._~ !%+/?#&=\t"]]).encode).toBe("AZaz09-._~%20%21%25%2B%2F%3F%23%26%3D%09");
  });
});

describe("header injection through url_decode", () => {
  it("never sends a decoded CR, LF or NUL in a header: the action is skipped with a warning", async () => {
    const decoding = await hostFor('param p = "%0d%0a"\non request_headers { set "x-a" = url_decode(request.header["x-in"]); set "x-b" = url_decode(p) }', { logLevel: 0 });
    const result = decoding.runStream({ request: { headers: [["x-in", "a%0D%0Ax-evil: 1"]] } });
    const upstream = result.upstreamRequest!.headers;
    expect(header(upstream, "x-a")).toBeUndefined();
    expect(header(upstream, "x-b")).toBeUndefined();
    expect(header(upstream, "x-evil")).toBeUndefined();
    expect(result.logs.map((entry) => entry.message)).toEqual([
      'skipped header "x-a": its value contains CR, LF or NUL',
      'skipped header "x-b": its value contains CR, LF or NUL',
    ]);
  });
});

describe("a cut inside a UTF-8 sequence", () => {
  it("keeps the bytes as they are", async () => {
    const cut = await hostFor('on request_headers respond 200 "${substring(request.header["x-in"], 0, 1)}|${url_encode(substring(request.header["x-in"], 1))}"', {
      logLevel: 0,
    });
    const result = cut.runStream({ request: { headers: [["x-in", "é!"]] } });
    expect([...result.localResponse!.body]).toEqual([0xc3, ...new TextEncoder().encode("|%A9%21")]);
  });
});

describe("the examples of docs/language.md", () => {
  it("redirects a prefix and keeps the rest of the path", async () => {
    const redirect = await hostFor('rule "moved" on request_headers when request.path starts_with "/old/" redirect 301 "/new/${trim_prefix(request.path, "/old/")}"', {
      logLevel: 0,
    });
    const moved = redirect.runStream({ request: { path: "/old/a/b?q=1" } });
    expect(moved.localResponse?.status).toBe(301);
    expect(header(moved.localResponse!.headers, "location")).toBe("/new/a/b?q=1");
    const other = redirect.runStream({ request: { path: "/older/a" } });
    expect(other.localResponse).toBeUndefined();
    expect(header(other.upstreamRequest!.headers, ":path")).toBe("/older/a");
  });

  it("refuses a cookie header over 8 KB, and lets smaller or missing ones through", async () => {
    const limit = await hostFor('rule "cookie limit" on request_headers when size(request.header["cookie"]) > 8192 deny 431 "cookie header over 8 KB"', { logLevel: 0 });
    const withCookie = (bytes: number) => limit.runStream({ request: { headers: [["cookie", `c=${"x".repeat(bytes - 2)}`]] } });
    expect(withCookie(8193).localResponse?.status).toBe(431);
    expect(withCookie(8192).localResponse).toBeUndefined();
    expect(withCookie(8192).upstreamRequest).toBeDefined();
    expect(limit.runStream({}).localResponse).toBeUndefined();
  });
});

describe("memory", () => {
  it("the functions that build text do not grow memory over many requests", async () => {
    const builders = await hostFor(
      [
        'on request_headers set "x-r" = replace(request.header["x-v"], "a", "${request.header["x-v"]}")',
        'on request_headers set "x-u" = upper(request.header["x-v"])',
        'on request_headers set "x-e" = url_encode(request.header["x-v"])',
        'on request_headers set "x-d" = url_decode(url_encode(request.header["x-v"]))',
        'on response_headers set "x-s" = "${size(request.header["x-v"])}:${substring(request.header["x-v"], 1, 4)}"',
      ].join("\n"),
      { logLevel: 0 },
    );
    const SIZES = 300;
    const value = (i: number) => "aé %".repeat(i % SIZES);
    const spec = (i: number) => ({ request: { headers: [["x-v", value(i)]] as Array<[string, string]> } });
    // Requests of every size up to the largest: memory is set by the largest one, not by how many came.
    for (let i = 0; i < SIZES; i++) builders.runStream(spec(i));
    const afterWarmup = builders.memoryPages();
    for (let i = 0; i < 3_000; i++) builders.runStream(spec((i * 7919) % SIZES));
    expect(builders.state).toBe("ok");
    expect(builders.memoryPages()).toBe(afterWarmup);
    const last = builders.runStream(spec(2));
    const upstream = last.upstreamRequest!.headers;
    expect(header(upstream, "x-d")).toBe("aé %aé %");
    expect(header(upstream, "x-e")).toBe("a%C3%A9%20%25a%C3%A9%20%25");
    // "aé %" is 5 bytes; bytes 1 to 4 of two of them are "é %".
    expect(header(last.response.headers, "x-s")).toBe("10:é %");
  });
});
