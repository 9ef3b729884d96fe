import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "../support/paths.js";
import { runCli, tempDir } from "../support/cli.js";

describe("filterc build", () => {
  it("builds examples/hello.fw into filter.wasm, its rule map and the deployment YAML", () => {
    const out = tempDir();
    const result = runCli(["build", "examples/hello.fw", "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const wasm = readFileSync(join(out, "filter.wasm"));
    const sha = createHash("sha256").update(wasm).digest("hex");
    expect(result.stdout).toContain(`filter.wasm ${wasm.length} bytes, sha256 ${sha}`);
    expect(readdirSync(out).sort()).toEqual(["envoy.yaml", "envoyfilter.yaml", "filter.map.json", "filter.wasm", "wasmplugin.yaml"]);
    const plugin = parseYaml(readFileSync(join(out, "wasmplugin.yaml"), "utf8"));
    expect(plugin.spec.sha256).toBe(sha);
    expect(plugin.spec.url).toBe("file:///var/local/filter.wasm");
    const map = JSON.parse(readFileSync(join(out, "filter.map.json"), "utf8"));
    expect(map.rules).toEqual([{ function: "rule_0", index: 0, phase: "response_headers", line: 1, column: 1 }]);
    expect(map.sha256).toBe(sha);
  });

  it("writes the generated AssemblyScript and text format on request", () => {
    const out = tempDir();
    const result = runCli(["build", "examples/hello.fw", "-o", out, "--emit-as", "--emit-wat"]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(out, "filter.ts"), "utf8")).toContain("proxy_on_response_headers");
    expect(readFileSync(join(out, "filter.wat"), "utf8")).toContain("(module");
  });

  it("reports every error with code, position, source line, caret and hint, exits 1 and writes nothing", () => {
    const dir = tempDir();
    const rules = join(dir, "bad.fw");
    writeFileSync(rules, 'on response_header set "hello" = "world"\non request_headers deny 700\n');
    const out = join(dir, "out");
    const result = runCli(["build", rules, "-o", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error[E0201]: unknown phase \`response_header\`\n --> ${rules}:1:4`);
    expect(result.stderr).toContain("1 | on response_header set");
    expect(result.stderr).toContain("|    ^^^^^^^^^^^^^^^");
    expect(result.stderr).toContain("did you mean `response_headers`?");
    expect(result.stderr).toContain(`${rules}:2:`);
    expect(result.stderr).toContain("build failed: 2 errors; nothing was written");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it("leaves the outputs of an earlier build untouched when a build fails", () => {
    const dir = tempDir();
    const rules = join(dir, "rules.fw");
    const out = join(dir, "out");
    writeFileSync(rules, 'on response_headers set "a" = "1"\n');
    expect(runCli(["build", rules, "-o", out]).status).toBe(0);
    const before = readFileSync(join(out, "filter.wasm"));
    writeFileSync(rules, 'on response_headers set "A" = "1"\n');
    expect(runCli(["build", rules, "-o", out]).status).toBe(1);
    expect(readFileSync(join(out, "filter.wasm")).equals(before)).toBe(true);
    expect(readdirSync(out).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("is reproducible: two builds give the same bytes", () => {
    const a = tempDir();
    const b = tempDir();
    runCli(["build", "examples/admin-gate.fw", "-o", a]);
    runCli(["build", "examples/admin-gate.fw", "-o", b]);
    expect(readFileSync(join(a, "filter.wasm")).equals(readFileSync(join(b, "filter.wasm")))).toBe(true);
    expect(readFileSync(join(a, "envoyfilter.yaml"), "utf8")).toBe(readFileSync(join(b, "envoyfilter.yaml"), "utf8"));
  });

  it("takes deployment settings from flags over filterc.yaml", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "gate.fw"), readFileSync(join(repoRoot, "examples/admin-gate.fw")));
    writeFileSync(join(dir, "filterc.yaml"), "namespace: shop\nfailurePolicy: fail-open\n");
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "gate.fw"), "-o", out, "--failure-policy", "reload", "--selector", "app=web"]);
    expect(result.status).toBe(0);
    const filter = parseYaml(readFileSync(join(out, "envoyfilter.yaml"), "utf8"));
    expect(filter.metadata.namespace).toBe("shop");
    expect(filter.spec.workloadSelector.labels).toEqual({ app: "web" });
    const plugin = parseYaml(readFileSync(join(out, "wasmplugin.yaml"), "utf8"));
    expect(plugin.spec.failStrategy).toBe("FAIL_RELOAD");
    expect(plugin.spec.pluginConfig).toEqual({ admin_networks: ["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"] });
  });

  it("puts the project file's pluginConfig over the params' defaults", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sec.fw"), readFileSync(join(repoRoot, "examples/security-headers.fw")));
    writeFileSync(join(dir, "filterc.yaml"), "pluginConfig:\n  hsts_max_age: 600\n  disabled_rules: [hide-server]\n");
    const out = join(dir, "out");
    expect(runCli(["build", join(dir, "sec.fw"), "-o", out]).status).toBe(0);
    const plugin = parseYaml(readFileSync(join(out, "wasmplugin.yaml"), "utf8"));
    expect(plugin.spec.pluginConfig).toEqual({ hsts_max_age: 600, frame_options: "DENY", disabled_rules: ["hide-server"] });
  });

  it("reports a bad filterc.yaml with its position and exits 1", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "r.fw"), 'on response_headers set "a" = "1"\n');
    writeFileSync(join(dir, "filterc.yaml"), "namespace: shop\nfailStrategy: FAIL_OPEN\n");
    const result = runCli(["build", join(dir, "r.fw"), "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "filterc.yaml")}:2:1`);
    expect(result.stderr).toContain("failurePolicy");
  });

  it("refuses a rule name past 16,383 bytes with a located E0123 (exit 1), and builds one of 16,383", () => {
    const dir = tempDir();
    const rules = (name: string) => `param p = "x"\nrule "${name}" on request_headers set "x-a" = "\${p}"\n`;
    writeFileSync(join(dir, "long.fw"), rules("r".repeat(16_384)));
    const refused = runCli(["build", join(dir, "long.fw"), "-o", join(dir, "out")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("error[E0123]: rule name too long: 16,384 bytes of UTF-8 (the limit is 16,383)");
    expect(refused.stderr).toContain(` --> ${join(dir, "long.fw")}:2:6`);
    expect(refused.stderr).not.toContain("internal");
    expect(existsSync(join(dir, "out", "filter.wasm"))).toBe(false);
    writeFileSync(join(dir, "longest.fw"), rules("r".repeat(16_383)));
    const built = runCli(["build", join(dir, "longest.fw"), "-o", join(dir, "out")]);
    expect([built.status, built.stderr]).toEqual([0, ""]);
  });

  it("exits 2 for usage mistakes", () => {
    expect(runCli(["build", "does-not-exist.fw"]).status).toBe(2);
    expect(runCli(["build", "examples/hello.fw", "--optimize", "fast"]).status).toBe(2);
    expect(runCli(["build", "examples/hello.fw", "--bogus"]).status).toBe(2);
    expect(runCli(["nonsense"]).status).toBe(2);
    const badFlag = runCli(["build", "examples/hello.fw", "-o", tempDir(), "--failure-policy", "sometimes"]);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain("sometimes");
  });
});

describe("filterc explain and --version", () => {
  it("explains a code with examples", () => {
    const result = runCli(["explain", "E0201"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("E0201: unknown phase");
    expect(result.stdout).toContain("response_headers");
  });
  it("lists every code and rejects unknown ones", () => {
    const list = runCli(["explain"]);
    expect(list.stdout).toMatch(/^E0101 /m);
    expect(list.stdout).toMatch(/^E0201 /m);
    expect(list.stdout).toMatch(/^E0301 /m);
    expect(runCli(["explain", "E9999"]).status).toBe(2);
  });
  it("prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(runCli(["--version"]).stdout.trim()).toBe(pkg.version);
  });
});
