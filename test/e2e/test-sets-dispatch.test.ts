import { describe, expect, it } from "vitest";
import { OUT_OF_LINE_RULES } from "../../compiler/build.js";
import { RULES_PER_CHUNK } from "../../compiler/lower/dispatch.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { random } from "../regex/support.js";
import { compileText } from "../support/compile.js";

/**
 * Rules that need a test-set bit are skipped in groups when none of their bits is set (compiler/lower/dispatch.ts).
 * That must not change what any rule does: a program big enough to be split into chunks, with groups of rules,
 * groups of chunks, rules that write the values later rules test, and rules switched off in the plugin
 * configuration, gives every request the same result as the same program built without test sets (which tests
 * each rule's condition in turn).
 */
const CHUNKS = 4;

/** A rule of the request phase whose condition needs a test-set bit (of the path, x-tenant or address sets). */
function setRule(i: number): string {
  const k = i % 23;
  const conditions = [
    `request.path starts_with "/svc-${k}/"`,
    `request.header["x-tenant"] == "tenant-${k}"`,
    `request.path matches "^/v${k}/items/[0-9]+$"`,
    `source.address in ["10.${k}.0.0/16", "2001:db8:${k}::/48"]`,
    `request.path == "/exact-${k}" and request.header["x-tenant"] == "tenant-${k % 7}"`,
    `request.header["x-tenant"] ends_with "-${k}" and not (request.path contains "skip")`,
    `request.path starts_with "/old-${k}/" or request.header["x-tenant"] == "tenant-${(k + 2) % 23}"`,
    `(request.path == "/exact-${k}" or source.address in ["10.1.0.0/16"]) and request.header["x-tenant"] starts_with "tenant-1"`,
    `not (request.path starts_with "/svc-${k}/") and request.path contains "a-"`,
  ];
  return `rule "r${i}" on request_headers when ${conditions[i % conditions.length]} set "x-r${i}" = "hit"`;
}

/** Rules that write a value later rules test, each behind a condition that is itself a test-set bit. */
function writer(i: number): string | undefined {
  if (i % 41 === 7) return `rule "r${i}" on request_headers when request.path starts_with "/old-${i % 23}/" rewrite prefix "/old-${i % 23}/" to "/svc-${(i + 1) % 23}/"`;
  if (i % 41 === 20) return `rule "r${i}" on request_headers when request.header["x-tenant"] == "tenant-${i % 23}" set "x-tenant" = "tenant-${(i + 3) % 23}"`;
  if (i % 97 === 50) return `rule "r${i}" on request_headers when request.path == "/stop-${i % 23}" stop`;
  if (i % 89 === 60) return `rule "r${i}" on request_headers when request.path starts_with "/deny-${i % 23}" deny 403`;
  return undefined;
}

/** Rules no group can hold: conditions without a set bit, or none at all. */
function ungroupable(i: number): string | undefined {
  if (i % 13 === 3) return `on request_headers when request.header["x-other"] == "yes" set "x-other-${i}" = "seen"`;
  if (i % 13 === 9) return `rule "r${i}" on request_headers when request.path starts_with "/svc-${i % 23}/" or request.header["x-other"] == "yes" set "x-or-${i}" = "hit"`;
  if (i % 31 === 11) return `on request_headers set "x-all-${i}" = "seen"`;
  return undefined;
}

/** The first and last chunk mix in rules no group holds; the chunks between are groups whole, and a group of chunks. */
const requestRules = Array.from({ length: CHUNKS * RULES_PER_CHUNK + 10 }, (_, i) => {
  const middle = i >= RULES_PER_CHUNK && i < (CHUNKS - 1) * RULES_PER_CHUNK;
  return writer(i) ?? (middle ? undefined : ungroupable(i)) ?? setRule(i);
});

const responseRules = Array.from({ length: RULES_PER_CHUNK + 20 }, (_, i) => {
  const k = i % 17;
  if (i % 29 === 5) return `rule "s${i}" on response_headers when response.header["x-kind"] == "k${k}" set "x-kind" = "k${(k + 1) % 17}"`;
  const condition = i % 2 === 0 ? `request.path starts_with "/svc-${k}/"` : `response.header["x-kind"] == "k${k}"`;
  return `rule "s${i}" on response_headers when ${condition} set "x-s${i}" = "seen"`;
});

const program = [...requestRules, ...responseRules].join("\n") + "\n";

const paths = ["/", "/static/app.js", "/exact-4", "/exact-12", "/v3/items/42", "/v22/items/7", "/v3/items/x", "/stop-4", "/stop-5", "/deny-1/x", "/deny-9"];
const prefixed = ["svc", "old", "svc", "old"].flatMap((p) => [0, 1, 5, 8, 14, 20, 22].map((k) => `/${p}-${k}/a${k % 3 === 0 ? "-skip" : ""}`));
const tenants = [undefined, "tenant-0", "tenant-5", "tenant-6", "tenant-20", "tenant-22", "tenant-1", "x-12", "none"];
const sources = ["10.3.2.1:1", "10.1.9.9:3", "[2001:db8:5::1]:5", "10.22.0.1:2", "203.0.113.9:6"];

function requests(count: number): StreamSpec[] {
  const next = random(29);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    const tenant = pick(tenants);
    const kind = pick([undefined, "k0", "k4", "k5", "k16"]);
    const headers: Record<string, string> = tenant === undefined ? {} : { "x-tenant": tenant };
    if (next() < 0.2) headers["x-other"] = "yes";
    return {
      request: { path: next() < 0.5 ? pick(prefixed) : pick(paths), headers },
      response: { headers: kind === undefined ? {} : { "x-kind": kind } },
      source: pick(sources),
    };
  });
}

function outcome(result: StreamResult) {
  return { upstream: result.upstreamRequest?.headers, response: result.response, local: result.localResponse, logs: result.logs, trap: result.trap, hostCalls: result.hostCalls };
}

const named = [...requestRules, ...responseRules].map((r) => /^rule "([^"]+)"/.exec(r)?.[1]).filter((n) => n !== undefined);
const configs = [
  "{}",
  // Every third named rule off, writers among them, so groups hold enabled and disabled rules.
  JSON.stringify({ disabled_rules: named.filter((_, i) => i % 3 === 0) }),
  // The writers off: later rules then see the values the request came with.
  JSON.stringify({ disabled_rules: named.filter((n) => writer(Number(n.slice(1))) !== undefined && n.startsWith("r")) }),
];

describe("rules skipped in groups by their test-set bits", () => {
  it("give every request the same result as testing each rule, across chunks, writes and disabled rules", async () => {
    expect(requestRules.length).toBeGreaterThan(Math.max(RULES_PER_CHUNK, OUT_OF_LINE_RULES) * 3);
    const [withSets, without] = await Promise.all([compileText(program, "dispatch.fw"), compileText(program, "dispatch.fw", { testSets: false })]);
    let acted = 0;
    for (const pluginConfig of configs) {
      const a = await loadHost(withSets, { trace: false, pluginConfig });
      const b = await loadHost(without, { trace: false, pluginConfig });
      for (const spec of requests(250)) {
        const expected = outcome(b.runStream(spec));
        expect(outcome(a.runStream(spec)), `${pluginConfig} ${JSON.stringify(spec)}`).toEqual(expected);
        if (expected.local !== undefined || expected.upstream?.some(([k]) => /^x-r\d/.test(k))) acted++;
      }
    }
    // The requests exercise the rules rather than passing through untouched.
    expect(acted).toBeGreaterThan(400);
  });
});
