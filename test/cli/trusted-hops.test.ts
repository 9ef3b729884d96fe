import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadHost } from "../../host/index.js";
import { header } from "../support/compile.js";
import { runCli, tempDir } from "../support/cli.js";

const RULES = 'on request_headers set "x-client" = "[${client.address}]"\n';
const XFF = { request: { headers: { "x-forwarded-for": "10.1.1.1, 10.2.2.2, 10.3.3.3" } }, source: "192.0.2.7:51000" };

describe("filterc.yaml trustedHops", () => {
  it("is the filter's default and the trusted_hops key of the deployed plugin configuration", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), RULES);
    writeFileSync(join(dir, "filterc.yaml"), "trustedHops: 2\n");
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "rules.fw"), "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const plugin = parseYaml(readFileSync(join(out, "wasmplugin.yaml"), "utf8"));
    expect(plugin.spec.pluginConfig).toEqual({ trusted_hops: 2 });
    const wasm = readFileSync(join(out, "filter.wasm"));
    // Without any configuration the compiled default holds; the deployed configuration says the same.
    for (const pluginConfig of [undefined, JSON.stringify(plugin.spec.pluginConfig), JSON.stringify({ trusted_hops: 1 })]) {
      const host = await loadHost(wasm, { pluginConfig });
      const expected = pluginConfig?.includes('"trusted_hops":1') === true ? "[10.3.3.3]" : "[10.2.2.2]";
      expect(header(host.runStream(XFF).upstreamRequest!.headers, "x-client")).toBe(expected);
    }
  });

  it("refuses a negative value with the file, line and a hint", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), RULES);
    writeFileSync(join(dir, "filterc.yaml"), "trustedHops: -1\n");
    const result = runCli(["build", join(dir, "rules.fw"), "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("filterc.yaml:1:");
    expect(result.stderr).toContain("trustedHops");
  });

  it("lets filterc test cases set trusted_hops in their configuration", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), RULES);
    writeFileSync(
      join(dir, "rules.test.yaml"),
      [
        "cases:",
        "  - name: one hop",
        "    config: { trusted_hops: 1 }",
        "    request: { headers: { x-forwarded-for: \"10.1.1.1, 10.2.2.2\" } }",
        "    expect: { upstream: { headers: { x-client: \"[10.2.2.2]\" } } }",
        "",
      ].join("\n"),
    );
    const result = runCli(["test", join(dir, "rules.fw")]);
    expect(result.stderr + result.stdout).not.toContain("error");
    expect(result.status).toBe(0);
  });
});
