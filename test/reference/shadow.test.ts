/**
 * Shadow mode in the reference interpreter (docs/language.md, "Shadow mode: rolling out a rule"), with outcomes
 * written from the docs, and the differential generator's share of shadow rules and mode lists.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readExample } from "../support/compile.js";
import { batchArbitrary, batchConfig, batchText } from "./generator.js";
import { interpret } from "./interpreter.js";
import { exchangeOf } from "./model.js";

describe("examples/shadow-rollout.fw", () => {
  const program = readExample("shadow-rollout.fw");
  const scraper = exchangeOf({ request: { path: "/products", headers: [["user-agent", "Scrapy/2.11"]] } });
  const internal = exchangeOf({ request: { path: "/", authority: "db.internal" } });

  it("lets a scraper through, with the rule's log line and what it would have done", () => {
    const outcome = interpret(program, scraper);
    expect(outcome.local).toBeUndefined();
    expect(outcome.upstream?.find(([k]) => k === "x-blocked-by")).toBeUndefined();
    expect(outcome.logs).toEqual([
      { level: "info", message: "scraper: Scrapy/2.11" },
      { level: "info", message: 'shadow rule "block-scrapers": would set x-blocked-by, deny 403' },
    ]);
  });

  it("enforces and shadows rules as the configuration says; disabled_rules wins; both lists keep the declared mode", () => {
    expect(interpret(program, scraper, '{"enforce_rules": ["block-scrapers"]}').local?.status).toBe(403);
    const shadowed = interpret(program, internal, '{"shadow_rules": ["internal-hosts"]}');
    expect([shadowed.local, shadowed.logs]).toEqual([undefined, [{ level: "info", message: 'shadow rule "internal-hosts": would deny 404' }]]);
    const disabled = interpret(program, scraper, '{"disabled_rules": ["block-scrapers"], "enforce_rules": ["block-scrapers"]}');
    expect([disabled.local, disabled.logs]).toEqual([undefined, []]);
    const both = interpret(program, internal, '{"shadow_rules": ["internal-hosts"], "enforce_rules": ["internal-hosts"]}');
    expect(both.local?.status).toBe(404);
    expect(both.configLogs).toEqual([{ level: "warn", message: "plugin configuration: rule in both shadow_rules and enforce_rules: internal-hosts, its declared mode kept" }]);
  });
});

describe("the differential generator", () => {
  it("makes shadow rules and shadow_rules / enforce_rules lists", () => {
    const batches = fc.sample(batchArbitrary(10, 1), { seed: 13, numRuns: 3 });
    const texts = batches.map((b) => batchText(b.programs));
    const configs = batches.map((b) => batchConfig(b.programs, "object"));
    expect(texts.some((t) => / shadow on /.test(t))).toBe(true);
    expect(configs.some((c) => c.includes('"shadow_rules"')) && configs.some((c) => c.includes('"enforce_rules"'))).toBe(true);
  });
});
