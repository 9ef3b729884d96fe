import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { COVERAGE_METRIC_PREFIX } from "../../compiler/lower/index.js";
import { compileText, readExample } from "../support/compile.js";

describe("coverage instrumentation", () => {
  it("counts each rule that fires in a metric, and release builds make no such calls", async () => {
    const rules = readExample("admin-gate.fw");
    const instrumented = await loadHost(await compileText(rules, "admin-gate.fw", { coverage: true }));
    instrumented.runStream({ request: { path: "/admin" }, source: "203.0.113.1:1" });
    instrumented.runStream({ request: { path: "/v1/x" } });
    instrumented.runStream({ request: { path: "/v1/y" } });
    const fired = Object.fromEntries([...instrumented.metrics()].filter(([name]) => name.startsWith(COVERAGE_METRIC_PREFIX)).map(([name, m]) => [name.slice(COVERAGE_METRIC_PREFIX.length), Number(m.value)]));
    expect(fired).toEqual({ "0": 1, "1": 0, "2": 2, "3": 0 });

    const release = await loadHost(await compileText(rules, "admin-gate.fw"));
    const plain = release.runStream({ request: { path: "/v1/x" } });
    expect([...release.metrics().keys()]).toEqual([]);
    const counted = instrumented.runStream({ request: { path: "/v1/x" } });
    expect(counted.hostCalls).toBe(plain.hostCalls + 1);
  });
});
