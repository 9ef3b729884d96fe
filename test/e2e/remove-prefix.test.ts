import { describe, expect, it } from "vitest";
import type { StreamResult } from "../../host/index.js";
import { hostFor } from "../support/compile.js";

/**
 * `remove prefix` under many matching headers (issue 13): the headers that stay go back in one
 * proxy_set_header_map_pairs, so the host calls per request do not grow with the number of headers; a few matches
 * are removed one call each; and what stays keeps its order and bytes whichever way the filter takes.
 */

const RULES = 'on request_headers remove prefix "x-internal-"';

const hostCallNames = (result: StreamResult) => result.trace.flatMap((e) => (e.type === "hostcall" ? [e.name] : []));
const numbered = (n: number, name: (i: number) => string): Array<[string, string]> => Array.from({ length: n }, (_, i) => [name(i), `v${i}`]);

/** The request headers a rule leaves: every entry whose name does not start with the prefix, in order. */
const without = (headers: Array<[string, string]>, prefix: string) => headers.filter(([k]) => !k.startsWith(prefix));

async function run(headers: Array<[string, string]>) {
  const host = await hostFor(RULES, { trace: true });
  const result = host.runStream({ request: { path: "/p", headers } });
  expect(result.trap).toBeUndefined();
  return result;
}

describe("remove prefix with many matching headers", () => {
  it("removes 10,000 matching headers of distinct names in two host calls, keeping the rest in order", async () => {
    const headers: Array<[string, string]> = [["x-keep-1", "a"], ...numbered(10_000, (i) => `x-internal-${i}`), ["x-keep-2", "b"]];
    const result = await run(headers);
    expect(hostCallNames(result)).toEqual(["proxy_get_header_map_pairs", "proxy_set_header_map_pairs"]);
    const upstream = result.upstreamRequest!.headers;
    expect(upstream.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual([["x-keep-1", "a"], ["x-keep-2", "b"]]);
    // The pseudo-headers went back too, first, as Envoy keeps them.
    expect(upstream.slice(0, 4).map(([k]) => k)).toEqual([":method", ":path", ":authority", ":scheme"]);
    expect(upstream.find(([k]) => k === ":path")?.[1]).toBe("/p");
  });

  it("removes 10,000 values of one matching name in two host calls", async () => {
    const result = await run([...numbered(10_000, () => "x-internal-a"), ["x-keep", "k"]]);
    expect(hostCallNames(result)).toEqual(["proxy_get_header_map_pairs", "proxy_set_header_map_pairs"]);
    expect(result.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual([["x-keep", "k"]]);
  });

  it("interleaved with 1,000 headers that stay, keeps every one of them and their repeated values in order", async () => {
    const headers = numbered(5_000, (i) => (i % 5 === 0 ? `x-stay-${i % 7}` : `x-internal-${i}`));
    const result = await run(headers);
    expect(hostCallNames(result)).toEqual(["proxy_get_header_map_pairs", "proxy_set_header_map_pairs"]);
    expect(result.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual(without(headers, "x-internal-"));
  });

  it("removes up to 4 matching headers one call each, and leaves a map without matches alone", async () => {
    const few = await run([["x-internal-a", "1"], ["x-keep", "k"], ["x-internal-b", "2"]]);
    expect(hostCallNames(few)).toEqual(["proxy_get_header_map_pairs", "proxy_remove_header_map_value", "proxy_remove_header_map_value"]);
    expect(few.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual([["x-keep", "k"]]);
    const none = await run([["x-keep", "k"]]);
    expect(hostCallNames(none)).toEqual(["proxy_get_header_map_pairs"]);
  });

  it("falls back to one call per match when what stays is past Envoy's pairs limits (1,024 pairs, 1 MiB)", async () => {
    // Sent back in one buffer, these would exceed cpp-host's limits, and Envoy would read the buffer as empty and
    // wipe every header: the filter removes them by name instead.
    const manyKept = numbered(3_000, (i) => (i % 2 === 0 ? `x-keep-${i}` : `x-internal-${i}`));
    const a = await run(manyKept);
    expect(hostCallNames(a).filter((n) => n === "proxy_set_header_map_pairs")).toEqual([]);
    expect(a.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual(without(manyKept, "x-internal-"));

    const hugeKept: Array<[string, string]> = [["x-keep", "v".repeat(1 << 20)], ...numbered(10, (i) => `x-internal-${i}`)];
    const b = await run(hugeKept);
    expect(hostCallNames(b).filter((n) => n === "proxy_remove_header_map_value")).toHaveLength(10);
    expect(b.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual([["x-keep", "v".repeat(1 << 20)]]);
  });

  it("sends back non-ASCII bytes, and bytes that are not UTF-8, as they were", async () => {
    // "\udcff" is how host/ holds the byte 0xFF (host/utf8.ts).
    const kept = "caf\u00e9 \u{1F600} \udcff";
    const host = await hostFor(RULES, { trace: false });
    const result = host.runStream({ request: { headers: [["x-keep", kept], ...numbered(8, (i) => `x-internal-${i}`)] } });
    expect(result.upstreamRequest!.headers.filter(([k]) => k.startsWith("x-") && k !== "x-request-id")).toEqual([["x-keep", kept]]);
  });
});
