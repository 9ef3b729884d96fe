import { describe, expect, it } from "vitest";
import type { RuleFunction } from "../../compiler/ir/rule-function.js";
import { RULE_ANSWERED, RULE_STOP } from "../../compiler/ir/rule-result.js";
import type { ResolvedStatement } from "../../compiler/ir/statements.js";
import { tableOps } from "../../compiler/lower/rule-table.js";

/** Which rule functions a rule table may hold instead (compiler/lower/rule-table.ts), from IR built by hand. */
const fn = (...actions: ResolvedStatement[][]): RuleFunction<ResolvedStatement> => ({ name: "rule_0", actions });
const set = { kind: "WriteHeader", side: "request", op: "set", header: "x-pool", name: "N", value: "V", safety: { kind: "constant" }, literal: "pool-1" } as const;
const nothingCached = { kind: "CacheUpdate", assignments: [] } as const;
const reply = { kind: "StaticReply", code: "sendLocalResponse(...);", status: 403, body: "no", details: "filterc_r", headers: [["retry-after", "5"]] } as const;
const answered = { kind: "Return", result: RULE_ANSWERED } as const;

describe("the statements a rule table holds", () => {
  it("takes constant writes, removals and a constant reply, which ends the rule", () => {
    const ops = tableOps(fn([set, nothingCached], [{ kind: "RemoveHeader", side: "response", header: "x-old", name: "N" }, nothingCached], [reply, answered], [set]));
    expect(ops).toEqual([
      { kind: "set", side: "request", name: "x-pool", value: "pool-1" },
      { kind: "remove", side: "response", name: "x-old" },
      { kind: "reply", status: 403, body: "no", details: "filterc_r", headers: [["retry-after", "5"]] },
    ]);
  });

  it("leaves a rule whose write a cached read or test set sees to a function", () => {
    const cached = { kind: "CacheUpdate", assignments: [{ slot: 0, value: "UNREAD", staleSets: [1] }] } as const;
    expect(tableOps(fn([set, cached]))).toBeUndefined();
  });

  it("leaves computed values, set_default, stop, logs and coverage to functions", () => {
    expect(tableOps(fn([{ ...set, safety: { kind: "runtime" }, literal: undefined }]))).toBeUndefined();
    expect(tableOps(fn([{ ...set, op: "set_default" }]))).toBeUndefined();
    expect(tableOps(fn([{ kind: "Return", result: RULE_STOP }]))).toBeUndefined();
    expect(tableOps(fn([{ kind: "Log", level: "INFO", message: "M" }]))).toBeUndefined();
    expect(tableOps({ ...fn([set]), coverageCounter: "COVERAGE_0" })).toBeUndefined();
    // A reply the rule does not end with (no RULE_ANSWERED after it) is not a table's reply.
    expect(tableOps(fn([reply]))).toBeUndefined();
  });
});
