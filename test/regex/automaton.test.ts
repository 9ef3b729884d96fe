import { describe, expect, it } from "vitest";
import { compileRegex, decodeLayout, matchTable, type TableLayout } from "../../compiler/regex/index.js";
import { bytesOf, random, tableOf } from "./support.js";

/** Reads a table back into per-state rows, independently of matchTable, for structural checks. */
function readTable(table: Uint8Array): { layout: TableLayout; classOf: number[]; next: number[][]; accepts: boolean[] } {
  const layout = decodeLayout(table);
  const bits = 1 << layout.mapLog;
  const classOf = Array.from({ length: 256 }, (_, b) => {
    const bitOffset = b * bits;
    return (table[layout.mapOffset + (bitOffset >> 3)]! >> (bitOffset & 7)) & ((1 << bits) - 1);
  });
  const width = layout.wide ? 2 : 1;
  const next = Array.from({ length: layout.stateCount }, (_, s) =>
    Array.from({ length: layout.classCount }, (_, c) => {
      const at = layout.transitionOffset + (s * layout.classCount + c) * width;
      return layout.wide ? table[at]! | (table[at + 1]! << 8) : table[at]!;
    }),
  );
  const accepts = Array.from({ length: layout.stateCount }, (_, s) => ((table[layout.acceptOffset + (s >> 3)]! >> (s & 7)) & 1) === 1);
  return { layout, classOf, next, accepts };
}

/**
 * Minimality: every state is reachable and every two states are distinguishable (table-filling algorithm),
 * and no two classes have the same column.
 */
function expectMinimal(table: Uint8Array, pattern: string): void {
  const { layout, next, accepts } = readTable(table);
  const n = layout.stateCount;
  const reached = new Set([layout.start]);
  for (const s of reached) for (const t of next[s]!) reached.add(t);
  expect(reached.size, `${pattern}: all states reachable`).toBe(n);
  const distinct = Array.from({ length: n }, (_, p) => Array.from({ length: n }, (_, q) => accepts[p] !== accepts[q]));
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = 0; p < n; p++)
      for (let q = 0; q < n; q++)
        if (!distinct[p]![q] && next[p]!.some((t, c) => distinct[t]![next[q]![c]!])) {
          distinct[p]![q] = true;
          changed = true;
        }
  }
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) expect(distinct[p]![q], `${pattern}: states ${p} and ${q} are equivalent`).toBe(true);
  const columns = new Set(Array.from({ length: layout.classCount }, (_, c) => next.map((row) => row[c]).join(",")));
  expect(columns.size, `${pattern}: classes with identical columns`).toBe(layout.classCount);
}

describe("minimization", () => {
  it.each([
    ["a", 2],
    ["a|a", 2],
    ["(a|b)*", 1],
    ["^(a|b)*$", 2],
    ["abc", 4],
    ["^abc$", 5],
    ["^abc", 5],
    ["(a|b)*abb", 4],
    ["^(a|ab)(c|bcd)$", 8],
  ])("%s has %i states", (pattern, states) => {
    const result = compileRegex(pattern);
    expect(result.ok && result.states).toBe(states);
    expectMinimal(tableOf(pattern), pattern);
  });

  it.each([
    ["a|a", "a"],
    ["(a|b)*abb", "abb"],
    ["[ab]", "a|b"],
    ["x(a|b)", "x[ab]"],
    ["^a+$", "^aa*$"],
    ["^(a*)*$", "^a*$"],
    ["^(a|b)*$", "^[ab]*$"],
    ["\\d", "[0-9]"],
    ["(?i)a", "[aA]"],
    [".*abc", "abc"],
    ["abc.*", "abc"],
    ["a{2,}", "aa+"],
  ])("%s and %s compile to the same table", (a, b) => {
    expect(tableOf(a)).toEqual(tableOf(b));
  });

  it("random patterns compile to minimal tables", () => {
    const next = random(7);
    const atoms = ["a", "b", "c", "[ab]", "[^a]", "."];
    for (let i = 0; i < 60; i++) {
      let pattern = Math.floor(next() * 2) ? "^" : "";
      const length = 1 + Math.floor(next() * 5);
      for (let j = 0; j < length; j++) pattern += atoms[Math.floor(next() * atoms.length)]! + ["", "", "*", "+", "?"][Math.floor(next() * 5)]!;
      if (next() < 0.5) pattern += "$";
      expectMinimal(tableOf(pattern), pattern);
    }
  });
});

describe("early exits", () => {
  it("marks the single MATCHED state when the match becomes certain", () => {
    const { layout, next } = readTable(tableOf("abc"));
    expect(layout.matched).not.toBe(0xffff);
    expect(next[layout.matched]!.every((t) => t === layout.matched)).toBe(true);
    expect(layout.dead, "a search never dies").toBe(0xffff);
  });

  it("marks the single DEAD state of an anchored pattern", () => {
    const { layout, next, accepts } = readTable(tableOf("^abc"));
    expect(layout.dead).not.toBe(0xffff);
    expect(accepts[layout.dead]).toBe(false);
    expect(next[layout.dead]!.every((t) => t === layout.dead)).toBe(true);
  });

  it("has no MATCHED state when `$` must still be checked", () => {
    expect(decodeLayout(tableOf("^abc$")).matched).toBe(0xffff);
    expect(decodeLayout(tableOf("abc$")).matched).toBe(0xffff);
  });

  it("finds certainty that is not syntactic: `^a$|^a.|^a\\n` is certain after `a`", () => {
    const { layout, next, classOf } = readTable(tableOf("^a$|^a.|^a\\n"));
    expect(next[layout.start]![classOf[0x61]!]).toBe(layout.matched);
  });
});

describe("table format", () => {
  it("packs the byte map by the number of classes", () => {
    const cases: [string, number, number][] = [
      ["a", 2, 0], // a, other
      ["a[bc]d", 4, 1],
      ["^/v\\d+[.]json$", 9, 2],
      ["abcdefghijklmnopq", 18, 3],
    ];
    for (const [pattern, classes, mapLog] of cases) {
      const layout = decodeLayout(tableOf(pattern));
      expect([layout.classCount, layout.mapLog], pattern).toEqual([classes, mapLog]);
      expect(layout.byteLength).toBe(10 + (32 << mapLog) + ((layout.stateCount + 7) >> 3) + layout.stateCount * classes);
      expect(tableOf(pattern).length).toBe(layout.byteLength);
    }
  });

  it("is small for typical patterns", () => {
    expect(tableOf("a").length).toBe(10 + 32 + 1 + 2 * 2);
    expect(tableOf("^/v\\d+[.]json$").length).toBeLessThan(240);
    expect(tableOf(".*").length).toBeLessThan(50);
  });

  it("uses 2-byte state ids from 256 states on, and matches with them", () => {
    const narrow = decodeLayout(tableOf("^a{253}$"));
    expect([narrow.stateCount, narrow.wide]).toEqual([255, false]);
    const wide = tableOf("^a{300}$");
    const layout = decodeLayout(wide);
    expect([layout.stateCount, layout.wide]).toEqual([302, true]);
    expect(layout.byteLength).toBe(10 + 32 + 38 + 302 * 2 * 2);
    expect(matchTable(wide, bytesOf("a".repeat(300)))).toBe(true);
    expect(matchTable(wide, bytesOf("a".repeat(299)))).toBe(false);
    expect(matchTable(wide, bytesOf("a".repeat(301)))).toBe(false);
  });

  it("starts at state 0 and numbers states breadth-first, so output is deterministic", () => {
    expect(decodeLayout(tableOf("^abc$")).start).toBe(0);
    expect(tableOf("^(foo|bar)+$")).toEqual(tableOf("^(foo|bar)+$"));
  });
});

describe("state budget", () => {
  it("rejects a pattern whose minimal DFA exceeds maxStates, and accepts it with a larger budget", () => {
    const small = compileRegex("^abc$", { maxStates: 4 });
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.errors[0]!.message).toContain("more than 4 DFA states");
    expect(compileRegex("^abc$", { maxStates: 5 }).ok).toBe(true);
  });

  it("defaults to 1024 states", () => {
    expect(compileRegex("^a{1000}$").ok).toBe(true); // 1002 states
    expect(compileRegex("^a{1000}b{30}$").ok).toBe(false);
    expect(compileRegex("^a{1000}b{30}$", { maxStates: 2000 }).ok).toBe(true);
  });

  it("gives up on exponential patterns with the state-budget error", () => {
    for (const pattern of ["a.{20}$", "(a|b)*a(a|b){15}", "[ab]*a[ab]{30}x"]) {
      const result = compileRegex(pattern);
      expect(result.ok, pattern).toBe(false);
      if (!result.ok) expect(result.errors[0]!.code).toBe("E0317");
    }
  });

  it("keeps a repeated part that excludes its trigger linear", () => {
    const result = compileRegex("a[^a]{20}$");
    expect(result.ok && result.states).toBeLessThan(30);
  });
});

// Build speed is measured by `npm run bench`; tests assert no timings on shared machines.
describe("typical patterns", () => {
  it("compile, all 1000 of them", () => {
    const patterns = Array.from({ length: 1000 }, (_, i) =>
      [
        `^/api/v${i % 7}/users/\\d+$`,
        `(?i)^bearer [a-z0-9._-]{${10 + (i % 20)},}$`,
        `^/static/.*[.](css|js|png|svg)$`,
        `^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`,
        `curl|wget|python-requests/${i}`,
        `^/v${i}[.]json$`,
        `/admin/|/admin$`,
        `^(GET|HEAD|OPTIONS)$`,
      ][i % 8]!,
    );
    for (const pattern of patterns) expect(compileRegex(pattern).ok).toBe(true);
  });
});
