import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";
import { schemaCopy } from "../support/schemas.js";

let dir: string;
let out: string;

beforeAll(() => {
  dir = tempDir("filterc-doctor-cli-");
  writeFileSync(join(dir, "gate.fw"), `rule "gate" on request_headers when request.path starts_with "/admin" deny 403\n`);
  const built = runCli(["build", "gate.fw", "-o", "out", "--selector", "app=shop", "--failure-policy", "fail-open"], { cwd: dir });
  expect(built.status, built.stderr).toBe(0);
  out = join(dir, "out");
  mkdirSync(join(dir, "k8s"));
  writeFileSync(join(dir, "k8s", "shop.yaml"), "kind: Deployment\nmetadata: { name: shop }\nspec: { template: { metadata: { labels: { app: store } } } }\n");
});

function sarifValidator() {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///"));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(JSON.parse(readFileSync(schemaCopy("sarif-schema-2.1.0.json"), "utf8")));
}

describe("filterc doctor", () => {
  it("exits 0 with only warnings, and prints them with file, line and a caret", () => {
    const result = runCli(["doctor", "out"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("warning[D011]: this filter fails open, so a trap or a failed load silently skips `gate`");
    expect(result.stdout).toMatch(/--> out\/envoyfilter\.yaml:\d+:\d+/);
    expect(result.stdout).toContain("^");
  });

  it("exits 1 when a check finds an error, and reads the manifests folder", () => {
    const result = runCli(["doctor", "out", "--manifests", "k8s"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("error[D001]: this EnvoyFilter selects pods with app=shop in namespace default");
    expect(result.stdout).toMatch(/\d+ problems \(2 errors, \d+ warnings\)/);
  });

  it("prints json and github annotations", () => {
    const json = JSON.parse(runCli(["doctor", "out", "--manifests", "k8s", "-f", "json"], { cwd: dir }).stdout);
    expect(json.flatMap((f: any) => f.messages.map((m: any) => m.code)).sort()).toEqual(["D001", "D001", "D011", "D011", "D011"]);
    expect(runCli(["doctor", "out", "-f", "github"], { cwd: dir }).stdout).toMatch(/^::warning file=out\/envoyfilter\.yaml,line=\d+,col=\d+,.*title=filterc D011::/m);
  });

  it("prints SARIF that validates against the SARIF 2.1.0 schema", () => {
    const validate = sarifValidator();
    const log = JSON.parse(runCli(["doctor", "out", "--manifests", "k8s", "-f", "sarif"], { cwd: dir }).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(["D001", "D011"]);
    expect(log.runs[0].tool.driver.rules[0].shortDescription.text).toBe("the selector matches no workload in the manifests");
  });

  it("is clean on a fail-closed build whose selector matches", () => {
    const fixed = join(dir, "fixed");
    cpSync(join(dir, "gate.fw"), join(fixed, "gate.fw"), { recursive: true });
    expect(runCli(["build", "gate.fw", "-o", "out", "--selector", "app=store"], { cwd: fixed }).status).toBe(0);
    const result = runCli(["doctor", "out", "--manifests", "../k8s", "--istio-version", "1.27"], { cwd: fixed });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, "", ""]);
    // SARIF without findings still validates (`results` is present and empty).
    const validate = sarifValidator();
    const log = JSON.parse(runCli(["doctor", "out", "-f", "sarif"], { cwd: fixed }).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  it.each([
    [["doctor", "missing"], "missing does not exist: run `filterc build RULES -o missing` first"],
    [["doctor", "gate.fw"], "gate.fw is not a folder"],
    [["doctor", "k8s"], "k8s has no filter.wasm"],
    [["doctor", "out", "--format", "sarfi"], "unknown format `sarfi`"],
    [["doctor", "out", "--istio-version", "1.x"], "--istio-version takes a release such as 1.25 or 1.25.3, not 1.x"],
    [["doctor", "out", "--memory-budget", "64MB"], "--memory-budget takes bytes, optionally with Ki, Mi or Gi (as in 64Mi), not 64MB"],
    [["doctor", "out", "--workers", "0"], "--workers takes a whole number from 1 to 1024, not 0"],
    [["doctor", "out", "--manifests", "nowhere"], "nowhere"],
  ])("exits 2 with a clear message: %j", (args, message) => {
    const result = runCli(args, { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain("    at ");
  });

  it("names the line of a manifest that is not YAML", () => {
    writeFileSync(join(dir, "bad.yaml"), "kind: Deployment\nmetadata: [unclosed\n");
    const result = runCli(["doctor", "out", "--manifests", "bad.yaml"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error: bad\.yaml:\d+:\d+: not valid YAML/);
  });

  it("refuses a manifest that is not UTF-8", () => {
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from([...Buffer.from("kind: Pod\nmetadata: { name: caf"), 0xe9, ...Buffer.from(" }\n")]));
    const result = runCli(["doctor", "out", "--manifests", "latin1.yaml"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: latin1.yaml is not UTF-8 text");
  });

  it("--output-file writes the report atomically instead of printing it", () => {
    const result = runCli(["doctor", "out", "-f", "json", "-o", "reports/doctor.json"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "reports/doctor.json"), "utf8"))[0].messages[0].code).toBe("D011");
  });

  it("explains its codes", () => {
    const result = runCli(["explain", "D010"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("allow_on_headers_stop_iteration");
  });
});
