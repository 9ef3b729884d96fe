import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadHost } from "../../host/index.js";
import { repoRoot } from "../support/paths.js";
import { runCli, tempDir } from "../support/cli.js";

const RULES = 'rule "tenants" on request_headers count "requests" by request.header["x-tenant"] limit 2\n';

describe("metrics through the CLI", () => {
  it("names metrics with filterc.yaml's metricPrefix, counts rules with countRules, and writes the stats_tags", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "shop.fw"), RULES);
    writeFileSync(join(dir, "filterc.yaml"), 'metricPrefix: "edge.shop."\ncountRules: true\n');
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "shop.fw"), "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const envoy = parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    expect(envoy.stats_config.stats_tags.map((t: { tag_name: string }) => t.tag_name)).toEqual(["rule", "by"]);
    const host = await loadHost(readFileSync(join(out, "filter.wasm")));
    for (const tenant of ["a", "b", "c", "a"]) host.runStream({ request: { headers: { "x-tenant": tenant } } });
    const values = Object.fromEntries([...host.metrics()].map(([name, m]) => [name, Number(m.value)]));
    expect(values).toEqual({ "rule=.=tenants;.;edge.shop.rule_fired": 4, "by=.=a;.;edge.shop.requests": 2, "by=.=b;.;edge.shop.requests": 1, "by=.=other;.;edge.shop.requests": 1 });
  });

  it("prefixes metrics with the filter's name by default", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "Shop Front.fw"), 'on request_headers count "requests"\n');
    const out = join(dir, "out");
    expect(runCli(["build", join(dir, "Shop Front.fw"), "-o", out]).status).toBe(0);
    const host = await loadHost(readFileSync(join(out, "filter.wasm")));
    host.runStream({});
    expect([...host.metrics().keys()]).toEqual(["filterc.shop-front.requests"]);
    expect(parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8")).stats_config).toBeUndefined();
  });

  it("runs the metric expectations of examples/tenant-metrics.test.yaml, and reports a wrong one", () => {
    const example = join(repoRoot, "examples", "tenant-metrics.fw");
    const passed = runCli(["test", example]);
    expect(passed.stdout).toContain("4 passed, 0 failed");
    expect(passed.status).toBe(0);

    const dir = tempDir();
    writeFileSync(join(dir, "cases.yaml"), ["cases:", "  - name: wrong count", "    request: { headers: { x-tenant: acme } }", "    expect:", "      metrics:", "        requests: { acme: 2 }", "        request_path_bytes: { samples: 1, sum: 5 }", ""].join("\n"));
    const failed = runCli(["test", example, join(dir, "cases.yaml")]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('metrics["requests"].acme');
    expect(failed.stdout).toContain('metrics["request_path_bytes"].sum');
  });

  it("refuses a label no counter can have and a negative value in a case file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), RULES);
    writeFileSync(join(dir, "rules.test.yaml"), ["cases:", "  - name: bad", "    expect:", "      metrics:", '        requests: { "acme corp": 1 }', "        other: -1", ""].join("\n"));
    const result = runCli(["test", join(dir, "rules.fw")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0618]");
    expect(result.stderr).toContain("rules.test.yaml:5:");
    expect(result.stderr).toContain("error[E0619]");
  });

  it("explains the new codes", () => {
    for (const code of ["E0140", "E0141", "E0280", "E0281", "E0417", "E0418", "E0419", "E0618", "E0619"]) {
      const result = runCli(["explain", code]);
      expect(result.status, code).toBe(0);
      expect(result.stdout.length, code).toBeGreaterThan(100);
    }
  });
});
