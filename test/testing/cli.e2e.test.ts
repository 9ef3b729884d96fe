import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { compileFilter } from "../host/helpers.js";
import { runCli, tempDir } from "../support/cli.js";
import { repoRoot } from "../support/paths.js";
import { wellFormedXml } from "./xml.js";

const EXAMPLES = ["hello", "security-headers", "admin-gate", "canary", "bot-block", "edge", "legacy-redirects", "login-redirect", "authz-gate"];

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe("filterc test", () => {
  it("passes every example's cases with 100% rule coverage", () => {
    const result = runCli(["test", ...EXAMPLES.map((e) => `examples/${e}.fw`), "--fail-under", "100"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const cases = EXAMPLES.reduce((n, e) => n + parseYaml(readFileSync(join(repoRoot, "examples", `${e}.test.yaml`), "utf8")).cases.length, 0);
    expect(result.stdout).toMatch(new RegExp(`^${cases} passed, 0 failed$`, "m"));
    expect(result.stdout).not.toContain("FAIL");
    for (const example of EXAMPLES) {
      expect(result.stdout).toContain(`examples/${example}.test.yaml (examples/${example}.fw)\n  PASS `);
      expect(result.stdout).toMatch(new RegExp(`^coverage examples/${example}\\.fw: (\\d+) of \\1 rules fired \\(100%\\)$`, "m"));
    }
    expect(result.stdout).not.toContain("never fired");
  });

  // Apart from the others: one process compiling every example is already close to the default timeout.
  it("passes the shadow-rollout example's cases, its shadow rule counted as fired", { timeout: 120_000 }, () => {
    const result = runCli(["test", "examples/shadow-rollout.fw", "--fail-under", "100"]);
    expect([result.stderr, result.status]).toEqual(["", 0]);
    expect(result.stdout).toMatch(/^5 passed, 0 failed$/m);
    expect(result.stdout).toMatch(/^ {2}\+ rule "block-scrapers" \(shadow-rollout\.fw:7\) +fired 2 times$/m);
  });

  it("fails a wrong expectation with a diff, exit 1, a JUnit report and the coverage shortfall", () => {
    writeFileSync(join(dir, "gate.fw"), readFileSync(join(repoRoot, "examples/admin-gate.fw")));
    writeFileSync(
      join(dir, "gate.test.yaml"),
      `cases:
  - name: refuses admin from outside
    request: { path: /admin, headers: { x-admin-token: abc }, source: "203.0.113.9:5555" }
    expect:
      response: { status: 401, headers: { www-authenticate: Token } }
  - name: leaves other paths alone
    request: { path: /v2/items }
    expect: { upstream: { path: /v2/items } }
`,
    );
    const report = join(dir, "reports", "junit.xml");
    const result = runCli(["test", join(dir, "gate.fw"), "--format", "junit", "-o", report, "--fail-under", "90"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      [
        `  FAIL refuses admin from outside (${join(dir, "gate.test.yaml")}:2)`,
        "       response.status",
        "         expected: 401",
        "         actual:   403",
        "       response.headers.www-authenticate",
        '         expected: "Token"',
        "         actual:   (absent)",
        "  PASS leaves other paths alone",
        "",
        "1 passed, 1 failed",
      ].join("\n"),
    );
    expect(result.stdout).toMatch(/^coverage .*gate\.fw: 1 of 4 rules fired \(25%\)$/m);
    expect(result.stderr).toBe("error: rule coverage 25% of gate.fw is under --fail-under 90%\n");
    const xml = readFileSync(report, "utf8");
    expect(wellFormedXml(xml)).toEqual([]);
    expect(xml).toContain('<failure message="response.status: expected 401, actual 403" type="mismatch">');
  });

  it("reports a malformed case file with code, position, caret and hint, and runs nothing", () => {
    writeFileSync(join(dir, "bad.test.yaml"), "cases:\n  - name: typo\n    expect: { respone: { status: 403 } }\n");
    const result = runCli(["test", join(dir, "gate.fw"), join(dir, "bad.test.yaml")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "error[E0603]: unknown key `respone` in `cases[0].expect`",
        ` --> ${join(dir, "bad.test.yaml")}:3:15`,
        "  |",
        "3 |     expect: { respone: { status: 403 } }",
        "  |               ^^^^^^^",
        "  = hint: did you mean `response`?",
        "",
        "no cases were run: 1 error in the input",
        "",
      ].join("\n"),
    );
  });

  it("treats bad usage as exit 2 without a stack trace", () => {
    const missing = runCli(["test", join(dir, "nope.fw")]);
    expect([missing.status, missing.stderr]).toEqual([2, `error: cannot read ${join(dir, "nope.fw")}: no such file\n`]);
    const format = runCli(["test", join(dir, "gate.fw"), "--format", "junt"]);
    expect([format.status, format.stderr]).toEqual([2, "error: unknown format `junt`; the formats are text, junit, json (did you mean `junit`?)\n"]);
    const failUnder = runCli(["test", "--wasm", join(dir, "x.wasm"), "--fail-under", "80"]);
    expect([failUnder.status, failUnder.stderr]).toEqual([2, "error: --fail-under needs rule coverage, which --wasm modules do not have\n"]);
  });

  it("runs any proxy-wasm module with --wasm: a trapping case fails with the trap, the next one still runs", async () => {
    writeFileSync(join(dir, "trap.wasm"), await compileFilter("trap-every"));
    writeFileSync(join(dir, "trap.test.yaml"), "cases:\n  - name: traps\n    request: { headers: { x-trap: '1' } }\n  - name: tags the response\n    expect: { response: { headers: { x-ok: '1' } } }\n");
    const result = runCli(["test", "--wasm", join(dir, "trap.wasm"), join(dir, "trap.test.yaml"), "--format", "json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.files[0].cases.map((c: { status: string }) => c.status)).toEqual(["failed", "passed"]);
    expect(report.files[0].cases[0].failure).toMatch(/^the filter trapped in proxy_on_request_headers: unreachable/);
    expect(report.coverage).toEqual([]);
  });
});

describe("filterc run", () => {
  it("prints the trace, what the upstream saw, what the client got, and the logs", () => {
    const result = runCli(["run", "examples/admin-gate.fw", "--request", "GET /admin/users", "-H", "x-admin-token: abc", "--source", "203.0.113.9:5555"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain("trace of GET /admin/users\n  proxy_on_request_headers(context 2, headers 6, end_of_stream 1) -> StopAllIterationAndWatermark\n");
    expect(out).toContain('    proxy_log(warn, message "admin request from 203.0.113.9 refused: outside the admin networks") -> Ok\n');
    expect(out).toContain("      log warn: admin request from 203.0.113.9 refused: outside the admin networks\n");
    expect(out).toContain('    proxy_send_local_response(status 403, details "filterc_admin-network", body "forbidden\\n", headers @0+0, grpc_status -1) -> Ok\n      local reply 403 "forbidden\\n", details filterc_admin-network\n');
    expect(out).toContain("upstream saw\n  (nothing: the request did not reach the upstream)\n");
    expect(out).toContain("client got 403, a local reply from the filter (details filterc_admin-network)\n  :status: 403\n  content-length: 10\n  content-type: text/plain\n\n  forbidden\n");
    expect(out).toContain("logs\n  warn     admin request from 203.0.113.9 refused: outside the admin networks\n");
  });

  it("prints the whole outcome as JSON with --json, and shows header changes the upstream saw", () => {
    const result = runCli(["run", "examples/canary.fw", "-r", "GET https://shop.example/api/orders", "-H", "x-canary: true", "--plugin-config", '{"canary_cookie":"beta"}', "--json"]);
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.upstreamRequest.headers).toContainEqual([":path", "/api-canary/orders"]);
    expect(outcome.upstreamRequest.headers).toContainEqual([":authority", "shop.example"]);
    expect(outcome.response).toMatchObject({ status: 200, local: false });
    expect(outcome.response.headers).toContainEqual(["x-served-by", "canary"]);
    expect(outcome.trace.some((e: { type: string; key?: string }) => e.type === "headers" && e.key === "x-canary-routed")).toBe(true);
    expect(outcome.startup.logs).toEqual([]);
  });

  it("exits 1 when the module traps and 2 on bad flags", () => {
    expect(existsSync(join(dir, "trap.wasm"))).toBe(true);
    const trapped = runCli(["run", "--wasm", join(dir, "trap.wasm"), "-H", "x-trap: 1"]);
    expect([trapped.status, trapped.stderr]).toEqual([1, ""]);
    expect(trapped.stdout).toContain("trap\n  the filter trapped in proxy_on_request_headers: unreachable");
    expect(trapped.stdout).toContain("client got 503, from the proxy (wasm_fail_stream)");
    const bad = runCli(["run", "--wasm", join(dir, "trap.wasm"), "-H", "no colon"]);
    expect([bad.status, bad.stderr]).toEqual([2, 'error: -H takes "name: value", e.g. "x-token: abc", not "no colon"\n']);
  });
});
