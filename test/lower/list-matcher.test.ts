import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildListMatcher, runListMatcher } from "../../compiler/lower/list-matcher.js";

/**
 * The build-time automaton of `contains any` (the runtime builds the same format for configured lists, which
 * test/e2e/any-list.test.ts checks in the host): it must answer what testing each item on its own answers.
 */
const bytes = (text: string) => new TextEncoder().encode(text);

function expected(items: readonly string[], kind: "contains" | "starts_with" | "ends_with", value: string): boolean {
  const v = Buffer.from(bytes(value));
  return items.some((item) => {
    const i = Buffer.from(bytes(item));
    if (kind === "contains") return v.includes(i);
    if (kind === "starts_with") return v.subarray(0, i.length).equals(i);
    return i.length <= v.length && v.subarray(v.length - i.length).equals(i);
  });
}

function answers(items: readonly string[], value: string): string {
  const forward = buildListMatcher(items, false);
  const reverse = buildListMatcher(items, true);
  return [
    runListMatcher(forward, "contains", bytes(value)) ? "c" : "",
    runListMatcher(forward, "starts_with", bytes(value)) ? "s" : "",
    runListMatcher(reverse, "ends_with", bytes(value)) ? "e" : "",
  ].join("");
}

describe("list matcher automaton", () => {
  it("finds overlapping items through fail links", () => {
    const items = ["he", "she", "hers", "his"];
    expect(answers(items, "ushers")).toBe("ce");
    expect(answers(items, "ahishers")).toBe("ce");
    expect(answers(items, "hi")).toBe("");
    expect(answers(["abcd", "bc"], "abcx")).toBe("c");
    expect(answers(["abcd", "bcx"], "abcx")).toBe("ce");
  });

  it("matches nothing for an empty list and everything for an empty item", () => {
    expect(answers([], "abc")).toBe("");
    expect(answers([], "")).toBe("");
    expect(answers(["zz", ""], "abc")).toBe("cse");
    expect(answers([""], "")).toBe("cse");
  });

  it("lays out states breadth-first: the root's targets in a table, then records, then the byte into each state", () => {
    const m = buildListMatcher(["ab", "b"], false);
    const view = new DataView(m.buffer);
    expect(view.getUint32(0, true)).toBe(4); // root, a, b, ab
    expect(view.getUint16(4 + 2 * 0x61, true)).toBe(1);
    expect(view.getUint16(4 + 2 * 0x62, true)).toBe(2);
    // First children: the root's are 1 and 2, a's is 3 (ab), b's and ab's would follow it; the fifth record ends them.
    expect([0, 1, 2, 3, 4].map((s) => view.getUint32(516 + 8 * s + 4, true) & 0x3fff_ffff)).toEqual([1, 3, 4, 4, 4]);
    // ab's fail link is b, an item: it outputs.
    expect(view.getUint32(516 + 8 * 3, true)).toBe(2);
    expect(Array.from(m.subarray(516 + 8 * 5))).toEqual([0, 0x61, 0x62, 0x62]);
    expect(m.length).toBe(516 + 5 * 8 + 4);
  });

  it("agrees with testing each item, on generated lists and values", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "é", "\u0000", "😀"), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), fc.array(text, { minLength: 1, maxLength: 10 }), (items, values) => {
        for (const value of values) {
          const want = (["contains", "starts_with", "ends_with"] as const).map((k, i) => (expected(items, k, value) ? "cse"[i] : "")).join("");
          expect(answers(items, value)).toBe(want);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
