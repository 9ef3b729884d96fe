import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildFilterForTest,
  describeTrap,
  formatJson,
  formatJunit,
  formatText,
  moduleFilter,
  prepareTests,
  runTestFile,
  runTests,
  TestInputError,
  type FilterUnderTest,
  type TestRun,
} from "../../compiler/testing/index.js";
import { ruleAnnotator } from "../../compiler/testing/filter-under-test.js";
import { compileFilter } from "../host/helpers.js";
import { tempDir } from "../support/cli.js";
import { load } from "./helpers.js";
import { wellFormedXml } from "./xml.js";

const RULES = `param greeting = "world"
rule "hello" on response_headers set "hello" = greeting
on request_headers when request.path starts_with "/deny" deny 403 "no\\n"
on request_headers when request.path == "/never" set "x" = "y"
`;

const CASES = `config: { greeting: world }
cases:
  - name: greets
    expect: { response: { headers: { hello: world } } }
  - name: denies with the wrong body
    request: { path: /deny/x }
    expect: { response: { status: 403, body: "no\\nway\\n" }, upstream: false }
  - name: greets as configured
    config: { greeting: moon }
    expect: { response: { headers: { hello: moon } } }
`;

let dir: string;
let filter: FilterUnderTest;
let run: TestRun;

beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, "rules.fw"), RULES);
  const built = await buildFilterForTest(join(dir, "rules.fw"), { coverage: true });
  expect(built.diagnostics).toEqual([]);
  filter = built.filter!;
  const { file } = load(CASES, {}, join(dir, "rules.test.yaml"));
  run = await runTests([{ filter, files: [file!] }]);
});

describe("running case files", () => {
  it("runs every case on a fresh filter and reports each outcome", () => {
    const cases = run.files[0]!.cases;
    expect(cases.map((c) => [c.name, c.passed])).toEqual([
      ["greets", true],
      ["denies with the wrong body", false],
      ["greets as configured", true],
    ]);
    expect(cases[1]!.mismatches).toEqual([{ what: "response.body", expected: '"no\\nway\\n"', actual: '"no\\n"', texts: { expected: "no\nway\n", actual: "no\n" } }]);
    expect([run.passed, run.failed]).toEqual([2, 1]);
  });

  it("counts which rules fired across the cases, naming anonymous rules by line", () => {
    const report = run.coverage[0]!;
    expect(report.rules.map((r) => [r.label, r.hits])).toEqual([
      ['rule "hello" (rules.fw:2)', 2],
      ["rule at rules.fw:3", 1],
      ["rule at rules.fw:4", 0],
    ]);
    expect([report.fired, report.total]).toEqual([2, 3]);
    expect(report.percent).toBeCloseTo(66.67, 1);
  });

  it("names the rule a trap happened in, from the debug build's function names", () => {
    const annotate = ruleAnnotator(filter.rules);
    expect(annotate("filter/rule_0")).toBe('rule "hello" (rules.fw:2)');
    expect(annotate("filter/rule_2")).toBe("rule at rules.fw:4");
    expect(annotate("runtime/str/put")).toBeUndefined();
    expect(describeTrap({ message: "unreachable", callback: "proxy_on_request_headers", functionName: "filter/rule_0", annotation: 'rule "hello" (rules.fw:2)' })).toBe(
      'the filter trapped in proxy_on_request_headers: unreachable, in rule "hello" (rules.fw:2)',
    );
  });

  it("fails a case whose module traps with the trap message, and runs the next cases", async () => {
    const wasm = await compileFilter("trap-every");
    const { file } = load("cases:\n  - name: traps\n    request: { headers: { x-trap: '1' } }\n  - name: runs after the trap\n    expect: { response: { headers: { x-ok: '1' } } }\n");
    const result = await runTestFile(file!, moduleFilter("trap.wasm", wasm));
    expect(result.cases.map((c) => c.passed)).toEqual([false, true]);
    expect(result.cases[0]!.failure).toMatch(/^the filter trapped in proxy_on_request_headers: unreachable, in function .*proxy_on_request_headers$/);
  });

  it("refuses inputs it cannot run, before building anything", async () => {
    const missing = join(dir, "missing.fw");
    await expect(prepareTests({ paths: [missing] })).rejects.toThrow(new TestInputError(`cannot read ${missing}: no such file`));
    writeFileSync(join(dir, "lonely.fw"), 'on response_headers set "a" = "b"\n');
    await expect(prepareTests({ paths: [join(dir, "lonely.fw")] })).rejects.toThrow(/no test cases for .*lonely\.fw: .*lonely\.test\.yaml does not exist/);
    writeFileSync(join(dir, "free.test.yaml"), "cases:\n  - name: a\n");
    await expect(prepareTests({ paths: [join(dir, "free.test.yaml")] })).rejects.toThrow(/does not say which rules it tests/);
    await expect(prepareTests({ paths: [join(dir, "lonely.fw")], wasm: join(dir, "free.test.yaml") })).rejects.toThrow(/with --wasm, give case files only/);
  });
});

describe("reports", () => {
  it("text: a line per case, a diff under failures, the summary alone on a line, then coverage", () => {
    const text = formatText(run, { symbols: "ascii", color: false });
    const caseFile = join(dir, "rules.test.yaml");
    expect(text).toContain(
      [
        `${caseFile} (${join(dir, "rules.fw")})`,
        "  PASS greets",
        `  FAIL denies with the wrong body (${caseFile}:5)`,
        "       response.body",
        "         (- expected, + actual)",
        "           no",
        "         - way",
        "  PASS greets as configured",
        "",
        "2 passed, 1 failed",
        "",
        `coverage ${join(dir, "rules.fw")}: 2 of 3 rules fired (66.6%)`,
        '  + rule "hello" (rules.fw:2)  fired 2 times',
        "  + rule at rules.fw:3         fired 1 time",
        "  - rule at rules.fw:4         never fired",
      ].join("\n"),
    );
    const unicode = formatText(run, { symbols: "unicode", color: true });
    expect(unicode).toContain("\u001b[32m✓\u001b[0m greets");
    expect(unicode).toContain("\u001b[31m✗\u001b[0m denies");
    expect(unicode).toMatch(/^2 passed, 1 failed$/m);
  });

  it("junit: well-formed XML with a suite per case file and a failure with the diff", () => {
    const xml = formatJunit(run, new Date("2026-01-02T03:04:05Z"));
    expect(wellFormedXml(xml)).toEqual([]);
    expect(wellFormedXml('<a x="1"><b></a>')).not.toEqual([]); // the checker itself can fail
    expect(wellFormedXml("<a>x & y</a>")).not.toEqual([]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="filterc test" tests="3" failures="1" errors="0" time="[\d.]+">/);
    expect(xml).toMatch(/<testsuite name="[^"]*rules\.test\.yaml" tests="3" failures="1" errors="0" skipped="0" time="[\d.]+" timestamp="2026-01-02T03:04:05" file="[^"]*">/);
    expect(xml).toContain('<property name="coverage.rules.fired" value="2"/>');
    expect(xml).toMatch(/<testcase name="greets" classname="rules.test" file="[^"]*" line="3" time="[\d.]+"\/>/);
    expect(xml).toContain('<failure message="response.body: expected &quot;no\\nway\\n&quot;, actual &quot;no\\n&quot;" type="mismatch">response.body\n  (- expected, + actual)\n    no\n  - way</failure>');
  });

  it("json: every case with its failed checks, and coverage per rule", () => {
    const report = JSON.parse(formatJson(run));
    expect(report).toMatchObject({ version: 1, passed: 2, failed: 1 });
    expect(report.files[0].cases[1]).toMatchObject({ name: "denies with the wrong body", line: 5, status: "failed", mismatches: [{ what: "response.body" }] });
    expect(report.coverage[0].rules[0]).toEqual({ index: 0, name: "hello", phase: "response_headers", line: 2, column: 1, hits: 2 });
  });
});
