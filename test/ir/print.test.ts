import { describe, expect, it } from "vitest";
import { printCode, testHole } from "../../compiler/ir/code.js";
import { printStatement } from "../../compiler/ir/print.js";
import { printRuleFunction } from "../../compiler/ir/rule-function.js";
import type { ResolvedStatement } from "../../compiler/ir/statements.js";

const text = (statement: ResolvedStatement) => printCode(printStatement(statement), (test) => `T${test}`);

describe("the statement printer", () => {
  it("writes a header by how its value was checked", () => {
    const write = { kind: "WriteHeader", side: "response", op: "set", header: "x-a", name: "N", value: "V" } as const;
    expect(text({ ...write, safety: { kind: "constant" } })).toBe("setHeaderChecked(MAP_RESPONSE_HEADERS, N, V);");
    expect(text({ ...write, op: "add", safety: { kind: "runtime" } })).toBe("addHeader(MAP_RESPONSE_HEADERS, N, V);");
    expect(text({ ...write, value: "K0", safety: { kind: "configured", global: "K0" } })).toBe(
      "if (K0_safe) setHeaderChecked(MAP_RESPONSE_HEADERS, N, K0); else setHeader(MAP_RESPONSE_HEADERS, N, K0);",
    );
    // A computed set_default value is computed only when the header is absent (it may take random() or uuid()).
    expect(text({ ...write, op: "set_default", safety: { kind: "runtime" } })).toBe("if (getHeader(MAP_RESPONSE_HEADERS, N) == ABSENT) addHeader(MAP_RESPONSE_HEADERS, N, V);");
    expect(text({ ...write, op: "set_default", safety: { kind: "constant" } })).toBe("setDefaultHeader(MAP_RESPONSE_HEADERS, N, V);");
  });

  it("prints a runtime call with its arguments, holes filled", () => {
    expect(text({ kind: "RuntimeCall", function: "setQuery", args: ["K", testHole(2)] })).toBe("setQuery(K, T2);");
  });

  it("prints a rule function: a block per action, coverage first, RULE_NEXT last", () => {
    const fn = printRuleFunction({ name: "rule_3", coverageCounter: "COVERAGE_3", actions: [[{ kind: "Log", level: "INFO", message: "M" }], [{ kind: "Return", result: 1 }]] });
    expect(fn).toBe(["function rule_3(ctx: u32): i32 {", "  coverageHit(COVERAGE_3);", "  {", "    log(LOG_INFO, M);", "  }", "  {", "    return 1;", "  }", "  return 0;", "}"].join("\n"));
  });
});
