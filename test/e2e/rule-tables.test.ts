import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { lower } from "../../compiler/lower/index.js";
import { RULE_TABLE_MIN_PHASE_RULES, RULE_TABLE_MIN_RUN } from "../../compiler/lower/rule-table.js";
import { Source } from "../../grammar/source.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { generateRuleSet, noMatchRequest } from "../../bench/corpus/rule-mix.js";
import { random } from "../regex/support.js";
import { compileText, header, headerValues } from "../support/compile.js";

/**
 * Rule tables (compiler/lower/rule-table.ts): large phases whose rules have one test-set test as condition and
 * constant actions run from static data. They must give every request the result that rule functions testing
 * each condition in turn give (the build without test sets, which has no tables either): in file order, the
 * last `set` of a header winning and `add`s in order, replies ending the phase, disabled rules skipped, two rules
 * with the same test both running, and rules no table can hold (writers of tested values, compound conditions)
 * between tables.
 */
function requestRule(i: number): string {
  const k = i % 19;
  const name = i % 5 === 4 ? "" : `rule "q${i}" `;
  switch (i % 11) {
    case 0:
      return `${name}on request_headers when request.path starts_with "/svc-${k}/" set "x-svc" = "q${i}"`;
    case 1:
      return `${name}on request_headers when request.header["x-tenant"] == "tenant-${k}" add "x-seen" = "q${i}"`;
    case 2:
      return `${name}on request_headers when request.path matches "^/v${k}/items/[0-9]+$" redirect 301 "/items/${i}"`;
    case 3:
      return `${name}on request_headers when source.address in ["10.${k}.0.0/16", "2001:db8:${k}::/48"] { set "x-net" = "q${i}" remove "x-drop" }`;
    case 4:
      return `${name}on request_headers when request.path == "/deny-${k}" deny 403 "denied by q${i}\\n"`;
    case 5:
      return `${name}on request_headers when request.header["x-tenant"] ends_with "-${k}!" respond 429 "slow" with { "retry-after" = "${i}" }`;
    case 6:
      // A writer of a value the sets read: no table holds it, and the rules after it see the new value.
      return i % 3 === 0
        ? `rule "q${i}" on request_headers when request.path == "/move-${k}" set "x-tenant" = "tenant-${(k + 1) % 19}"`
        : `${name}on request_headers when request.path contains "a-${k}" set "x-contains" = ""`;
    case 7:
      // Compound: a rule function between tables.
      return i % 2 === 0
        ? `${name}on request_headers when request.path starts_with "/svc-${k}/" and request.header["x-tenant"] == "tenant-${k}" set "x-both" = "q${i}"`
        : `${name}on request_headers when request.path starts_with "/svc-${k}/" set "x-svc" = "q${i}"`;
    default:
      return `${name}on request_headers when request.header["x-tenant"] == "tenant-${k}" set "x-tenant-rule" = "q${i}"`;
  }
}

function responseRule(i: number): string {
  const k = i % 13;
  return i % 4 === 0
    ? `rule "s${i}" on response_headers when response.header["x-kind"] == "k${k}" set "x-s" = "s${i}"`
    : `rule "s${i}" on response_headers when response.header["x-kind"] starts_with "k${k}" add "x-sa" = "s${i}"`;
}

const requestRules = Array.from({ length: 400 }, (_, i) => requestRule(i));
const responseRules = Array.from({ length: 120 }, (_, i) => responseRule(i));
const program = [...requestRules, ...responseRules].join("\n") + "\n";

const paths = ["/", "/static/app.js", "/v3/items/42", "/v18/items/7", "/v3/items/x", "/deny-4", "/deny-9", "/move-2", "/move-9", "/xa-3"];
const prefixed = [0, 1, 5, 8, 14, 18].flatMap((k) => [`/svc-${k}/orders`, `/svc-${k}/a-${k}`]);
const tenants = [undefined, "tenant-0", "tenant-5", "tenant-6", "tenant-18", "tenant-3", "x-12", "t-5!", "t-0!", "none"];
const sources = ["10.3.2.1:1", "10.1.9.9:3", "[2001:db8:5::1]:5", "10.18.0.1:2", "203.0.113.9:6"];

function requests(count: number): StreamSpec[] {
  const next = random(41);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    const tenant = pick(tenants);
    const kind = pick([undefined, "k0", "k4", "k5", "k12", "k1x"]);
    const headers: Record<string, string> = tenant === undefined ? {} : { "x-tenant": tenant };
    if (next() < 0.5) headers["x-drop"] = "please";
    return {
      request: { path: next() < 0.5 ? pick(prefixed) : pick(paths), headers },
      response: { headers: kind === undefined ? {} : { "x-kind": kind } },
      source: pick(sources),
    };
  });
}

/** What a client and the upstream see. Tables compute their sets before running rules, so host calls differ. */
function outcome(result: StreamResult) {
  return { upstream: result.upstreamRequest?.headers, response: result.response, local: result.localResponse, logs: result.logs, trap: result.trap };
}

const named = [...requestRules, ...responseRules].map((r) => /^rule "([^"]+)"/.exec(r)?.[1]).filter((n) => n !== undefined);
const configs = ["{}", JSON.stringify({ disabled_rules: named.filter((_, i) => i % 3 === 1) })];

describe("rule tables", () => {
  it("hold the long runs of table-shaped rules of both phases, and no rule of a small phase", () => {
    const source = lower(analyze(new Source("tables.fw", program)).checked).source;
    expect(requestRules.length).toBeGreaterThan(RULE_TABLE_MIN_PHASE_RULES);
    expect(source.split("ruleTableRun(D").length - 1).toBeGreaterThanOrEqual(4);
    // The response phase is one table: every rule there has the shape.
    expect(source).not.toMatch(/function rule_4\d\d\(/);
    const small = lower(analyze(new Source("small.fw", requestRules.slice(0, RULE_TABLE_MIN_PHASE_RULES).join("\n"))).checked).source;
    expect(small).not.toContain("ruleTableRun(D");
    expect(RULE_TABLE_MIN_RUN).toBeLessThan(RULE_TABLE_MIN_PHASE_RULES);
  });

  // Two builds of 520 rules, one of them without test sets: slow on a busy machine.
  it("give every request the result of testing each rule in turn, with rules disabled too", { timeout: 300_000 }, async () => {
    const [tables, functions] = await Promise.all([compileText(program, "tables.fw"), compileText(program, "tables.fw", { testSets: false })]);
    let acted = 0;
    for (const pluginConfig of configs) {
      const a = await loadHost(tables, { trace: false, pluginConfig });
      const b = await loadHost(functions, { trace: false, pluginConfig });
      for (const spec of requests(300)) {
        const expected = outcome(b.runStream(spec));
        expect(outcome(a.runStream(spec)), `${pluginConfig} ${JSON.stringify(spec)}`).toEqual(expected);
        if (expected.local !== undefined || expected.upstream?.some(([k]) => k === "x-svc" || k === "x-seen")) acted++;
      }
    }
    expect(acted).toBeGreaterThan(200);
  });

  it("run the rules in file order: the last set wins, adds keep their order, a reply ends the phase", async () => {
    const host = await loadHost(await compileText(program, "tables.fw"), { trace: false });
    const r = host.runStream({ request: { path: "/svc-0/orders", headers: { "x-tenant": "tenant-0", "x-drop": "x" } }, source: "10.0.0.1:1" });
    const upstream = r.upstreamRequest!.headers;
    // Rules 0, 7 (and, compound), 11 ... set x-svc for k = 0: the last of them in file order wins.
    const svc = requestRules.map((text, i) => [text, i] as const).filter(([text]) => text.includes(`"/svc-0/" set "x-svc"`)).map(([, i]) => `q${i}`);
    expect(header(upstream, "x-svc")).toBe(svc[svc.length - 1]);
    const seen = requestRules.map((text, i) => [text, i] as const).filter(([text]) => text.includes(`== "tenant-0" add "x-seen"`)).map(([, i]) => `q${i}`);
    expect(headerValues(upstream, "x-seen")).toEqual(seen);
    expect(header(upstream, "x-drop")).toBeUndefined();
    const slow = host.runStream({ request: { path: "/", headers: { "x-tenant": "t-0!" } } });
    expect(slow.localResponse?.status).toBe(429);
    expect(header(slow.localResponse!.headers, "retry-after")).toBe("38");
    const denied = host.runStream({ request: { path: "/deny-9" } });
    expect(denied.localResponse?.status).toBe(403);
    const first = requestRules.findIndex((text) => text.includes(`"/deny-9" deny`));
    expect(new TextDecoder().decode(denied.localResponse!.body)).toBe(`denied by q${first}\n`);
  });
});

describe("a generated set of 10,000 rules (bench/corpus/rule-mix.ts)", () => {
  it("builds and runs a sample of its rules, each on its own request, the last one included", { timeout: 300_000 }, async () => {
    const set = generateRuleSet(10_000);
    const host = await loadHost(await compileText(set.text, "generated-10000.fw"), { trace: false });
    const sample = [...Array.from({ length: 40 }, (_, i) => i * 251), 9_998, 9_999];
    for (const index of sample) {
      const rule = set.rules[index]!;
      const result = host.runStream(rule.matchingRequest);
      if (rule.kind === "header") expect(header(result.upstreamRequest!.headers, "x-pool"), rule.text).toBe(`pool-${index}`);
      else expect(result.localResponse?.status, rule.text).toBe(rule.kind === "regex" ? 301 : 403);
    }
    const none = host.runStream(noMatchRequest);
    expect(none.localResponse).toBeUndefined();
    expect(header(none.upstreamRequest!.headers, "x-pool")).toBeUndefined();
    // The 5,000 path tests are one set in the wide table format (one pass over the path): near misses of its
    // constants pass none of them.
    const lowered = lower(analyze(new Source("generated-10000.fw", set.text)).checked, { placedData: true });
    expect(lowered.source).toContain("testSetRunWide(");
    for (const path of ["/svc-4", "/svc-40", "/svc-9996x/", "/v2/items/", "/v2/items/4x", "/v9998/items/7/"]) {
      expect(host.runStream({ request: { path }, source: "203.0.113.50:40000" }).localResponse, path).toBeUndefined();
    }
    expect(host.runStream({ request: { path: "/v9998/items/7" }, source: "203.0.113.50:40000" }).localResponse?.status).toBe(301);
  });
});
