import { describe, expect, it } from "vitest";
import { matchTable } from "../../compiler/regex/index.js";
import { compileTestSet, isWideTestSet, runTestSet, type TestPattern } from "../../compiler/regex/test-set.js";
import { MATCH_CASES } from "./cases.js";
import { bytesOf, random, tableOf } from "./support.js";

/** What each test means on its own: the runtime's single-test functions, written out in JavaScript. */
function holds(pattern: TestPattern, input: Uint8Array): boolean {
  if (pattern.kind === "regex") return matchTable(tableOf(pattern.pattern), input);
  const text = Buffer.from(input).toString("latin1");
  const value = Buffer.from(pattern.value).toString("latin1");
  switch (pattern.kind) {
    case "equals":
      return text === value;
    case "prefix":
      return text.startsWith(value);
    case "suffix":
      return text.endsWith(value);
    case "contains":
      return text.includes(value);
  }
}

function expectAgrees(patterns: readonly TestPattern[], inputs: readonly Uint8Array[], maxStates = 65_000): void {
  const table = compileTestSet(patterns, maxStates);
  if (table === undefined) throw new Error("the test set did not compile");
  for (const input of inputs) {
    const expected = patterns.flatMap((p, i) => (holds(p, input) ? [i] : []));
    const got = [...runTestSet(table, input)].sort((a, b) => a - b);
    expect(got, `input ${JSON.stringify(Buffer.from(input).toString("latin1"))}`).toEqual(expected);
  }
  expect(runTestSet(table, undefined).size, "an absent value passes no test").toBe(0);
}

const literal = (kind: "equals" | "prefix" | "suffix" | "contains", value: string): TestPattern => ({ kind, value: bytesOf(value) });

describe("test sets: many tests on one value in one pass", () => {
  it("answers equality, prefix, suffix, substring and regex tests like each test alone", () => {
    const patterns: TestPattern[] = [
      literal("equals", "/admin"),
      literal("prefix", "/admin"),
      literal("prefix", "/admin/"),
      literal("prefix", "/"),
      literal("prefix", ""),
      literal("equals", ""),
      literal("suffix", ".js"),
      literal("contains", "min"),
      literal("contains", ""),
      { kind: "regex", pattern: "^/v[0-9]+/" },
      { kind: "regex", pattern: "items/[0-9]+$" },
      { kind: "regex", pattern: "(?i)ADMIN" },
      { kind: "regex", pattern: "^$" },
    ];
    const inputs = ["", "/", "/admin", "/admin/", "/admin/x.js", "/ADMIN", "/v1/items/42", "/v1/items/42/", "x", "/static/app.js", "minmin"];
    expectAgrees(patterns, inputs.map((s) => bytesOf(s)));
  });

  it("agrees with the single-pattern tables on every regex case, all patterns in one set", () => {
    const patterns = [...new Set(MATCH_CASES.map((c) => c.pattern))].map((pattern): TestPattern => ({ kind: "regex", pattern }));
    const inputs = MATCH_CASES.map((c) => bytesOf(c.input));
    // Split into sets of 12: one set of every case pattern would need more states than a test should build.
    for (let i = 0; i < patterns.length; i += 12) expectAgrees(patterns.slice(i, i + 12), inputs);
  });

  it("agrees on random literals over a small alphabet, where prefixes and suffixes overlap most", () => {
    const next = random(7);
    const word = (max: number) => Array.from({ length: Math.floor(next() * max) }, () => "ab/"[Math.floor(next() * 3)]).join("");
    for (let round = 0; round < 30; round++) {
      const kinds = ["equals", "prefix", "suffix", "contains"] as const;
      const patterns = Array.from({ length: 10 }, () => literal(kinds[Math.floor(next() * 4)]!, word(4)));
      expectAgrees(patterns, Array.from({ length: 40 }, () => bytesOf(word(7))));
    }
  });

  it("stays a trie for many anchored constants and stops at the first byte no constant has", () => {
    const patterns = Array.from({ length: 1000 }, (_, i) => literal(i % 2 === 0 ? "prefix" : "equals", `/svc-${i}/`));
    const table = compileTestSet(patterns, 65_000)!;
    const states = new DataView(table.buffer).getUint16(2, true);
    expect(states).toBeLessThan(4000);
    expect([...runTestSet(table, bytesOf("/svc-12/orders"))]).toEqual([12]);
    expect([...runTestSet(table, bytesOf("/svc-13/"))]).toEqual([13]);
    expect(runTestSet(table, bytesOf("/static/app.js")).size).toBe(0);
  });

  it("takes the wide (u32) format past 16-bit limits, and answers as each test alone", () => {
    // About 6,000 path-like constants: more slots than 16-bit fields can number. The tests' meanings are written
    // out here (a JavaScript RegExp for the regexes): compiling 1,500 single-pattern tables would take minutes.
    const kinds = ["prefix", "regex", "equals", "regex"] as const;
    const tests = Array.from({ length: 6000 }, (_, i) => {
      const kind = kinds[i % 4]!;
      if (kind === "regex") return { pattern: { kind, pattern: `^/v${i}/items/[0-9]+$` } as TestPattern, holds: (s: string) => new RegExp(`^/v${i}/items/[0-9]+$`).test(s) };
      const value = kind === "prefix" ? `/svc-${i}/` : `/exact-${i}`;
      return { pattern: literal(kind, value), holds: (s: string) => (kind === "prefix" ? s.startsWith(value) : s === value) };
    });
    const table = compileTestSet(tests.map((t) => t.pattern), 1 << 20)!;
    expect(isWideTestSet(table)).toBe(true);
    const inputs = ["/svc-0/a", "/svc-4/", "/svc-4", "/exact-2", "/exact-2/", "/v1/items/42", "/v5999/items/7", "/v5999/items/", "/svc-5996/x", "", "/static/app.js"];
    for (const input of inputs) {
      const expected = tests.flatMap((t, i) => (t.holds(input) ? [i] : []));
      expect([...runTestSet(table, bytesOf(input))].sort((a, b) => a - b), input).toEqual(expected);
    }
    // Ids past 16 bits are not needed for 6,000 tests, but states and slots are: the last tests still answer.
    expect([...runTestSet(table, bytesOf("/v5999/items/1"))]).toEqual([5999]);
    expect(runTestSet(table, undefined).size).toBe(0);
  });

  it("keeps the 16-bit format for a set that fits it", () => {
    const patterns = Array.from({ length: 100 }, (_, i) => literal("prefix", `/svc-${i}/`));
    expect(isWideTestSet(compileTestSet(patterns, 1 << 20)!)).toBe(false);
  });

  it("gives up, instead of building a huge table, past the state budget", () => {
    const patterns = Array.from({ length: 8 }, (_, i): TestPattern => ({ kind: "regex", pattern: `a.{${i + 10}}b` }));
    expect(compileTestSet(patterns, 500)).toBeUndefined();
  });
});
