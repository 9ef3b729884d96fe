import { describe, expect, it } from "vitest";
import { resetSlots, resolveHeaderChanges, type CacheSlot } from "../../compiler/ir/passes/header-cache.js";
import { printStatement } from "../../compiler/ir/print.js";
import type { Statement } from "../../compiler/ir/statements.js";

const slots: CacheSlot[] = [
  { index: 0, map: "request", name: ":path" },
  { index: 1, map: "request", name: "x-a" },
  { index: 2, map: "response", name: "x-a" },
  { index: 3, map: "request", name: "x-ab" },
  { index: 4, map: "property", name: "getProperty source\0address" },
];
const noSets = () => [];

describe("header cache pass", () => {
  it("forgets the slot of the written header on the written side only", () => {
    const changed: Statement = { kind: "HeaderChanged", side: "request", match: { kind: "name", value: "x-a" } };
    expect(resolveHeaderChanges([changed], slots, noSets)).toEqual([{ kind: "CacheUpdate", assignments: [{ slot: 1, value: "UNREAD", staleSets: [] }] }]);
  });

  it("sets the slot to a constant written value, and marks the test sets computed from it stale", () => {
    const changed: Statement = { kind: "HeaderChanged", side: "response", match: { kind: "name", value: "x-a" }, value: "str(D0, 1)" };
    const [update] = resolveHeaderChanges([changed], slots, (slot) => (slot === 2 ? [0, 3] : []));
    expect(printStatement(update!)).toBe("HC2 = str(D0, 1); TS0_ready = false; TS3_ready = false;");
  });

  it("forgets every slot a removed prefix covers, and nothing for a header no rule reads", () => {
    const prefix: Statement = { kind: "HeaderChanged", side: "request", match: { kind: "prefix", value: "x-a" } };
    const unread: Statement = { kind: "HeaderChanged", side: "request", match: { kind: "name", value: "x-unread" } };
    const [covered, none] = resolveHeaderChanges([prefix, unread], slots, noSets).map(printStatement);
    expect(covered).toBe("HC1 = UNREAD; HC3 = UNREAD;");
    expect(none).toBe("");
  });

  it("leaves other statements as they are", () => {
    const log: Statement = { kind: "Log", level: "INFO", message: "EMPTY" };
    expect(resolveHeaderChanges([log], slots, noSets)).toEqual([log]);
  });

  it("resets a side's slots and the properties at the start of a callback", () => {
    expect(printStatement(resetSlots("response", slots))).toBe("HC2 = UNREAD; HC4 = UNREAD;");
  });
});
