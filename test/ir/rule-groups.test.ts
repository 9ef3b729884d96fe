import { describe, expect, it } from "vitest";
import { groupRuleRuns, type SetBit } from "../../compiler/ir/passes/rule-groups.js";

const bit = (set: number, b: number): SetBit[] => [{ set, bit: b }];
const run = (name: string, bits?: SetBit[]) => ({ name, bits });
const shape = (groups: ReturnType<typeof groupRuleRuns<ReturnType<typeof run>>>) =>
  groups.map((g) => (g.kind === "single" ? g.run.name : `[${g.runs.map((r) => r.name).join(" ")}]`));

describe("rule grouping pass", () => {
  it("groups runs of rules that need bits, at least `minimum` long, and keeps the order", () => {
    const runs = [run("a", bit(0, 0)), run("b", bit(0, 1)), run("c"), run("d", bit(0, 2)), run("e", bit(1, 0)), run("f", bit(0, 3)), run("g")];
    expect(shape(groupRuleRuns(runs, 3, 16))).toEqual(["a", "b", "c", "[d e f]", "g"]);
  });

  it("tests a group by every bit of its members", () => {
    const [group] = groupRuleRuns([run("a", bit(0, 0)), run("b", [...bit(0, 1), ...bit(2, 5)])], 2, 16);
    expect(group).toEqual({ kind: "group", bits: [{ set: 0, bit: 0 }, { set: 0, bit: 1 }, { set: 2, bit: 5 }], runs: expect.any(Array) });
  });

  it("splits a long run at `maximum`, leaving a short tail ungrouped", () => {
    const runs = Array.from({ length: 7 }, (_, i) => run(`r${i}`, bit(0, i)));
    expect(shape(groupRuleRuns(runs, 2, 3))).toEqual(["[r0 r1 r2]", "[r3 r4 r5]", "r6"]);
  });
});
