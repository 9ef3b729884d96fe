// `filterc build` of a rule file with global limits: the rate limit service's configuration and the called clusters.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir } from "../support/cli.js";
import { unknownFields } from "../emit/envoy-v3-fields.js";

describe("filterc build with global limits", () => {
  it("writes examples/tenant-quota.fw's ratelimit-config.yaml, and envoy.yaml defines the called cluster for gRPC", () => {
    const out = tempDir();
    const result = runCli(["build", "examples/tenant-quota.fw", "-o", out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("wrote " + join(out, "ratelimit-config.yaml"));
    const config = parseYaml(readFileSync(join(out, "ratelimit-config.yaml"), "utf8"));
    expect(config).toEqual({
      domain: "tenant-quota",
      descriptors: [{ key: "rule", value: "tenant-quota", descriptors: [{ key: "by", rate_limit: { unit: "minute", requests_per_unit: 1000 } }] }],
    });
    const envoy = parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    const cluster = envoy.static_resources.clusters.find((c: { name: string }) => c.name === "ratelimit");
    expect(cluster.typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].explicit_http_config).toEqual({ http2_protocol_options: {} });
    expect(cluster.load_assignment.cluster_name).toBe("ratelimit");
    expect(unknownFields(envoy)).toEqual([]);
  });

  it("names the domain after filterc.yaml's `name`, keeps limits without `by` flat, and counts per day", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), 'rule "all" on request_headers limit 5000 per day via "rls"\nrule "keys" on request_headers limit 10 per second by request.header["x-key"] via "rls"\n');
    writeFileSync(join(dir, "filterc.yaml"), "name: shop-edge\n");
    const out = join(dir, "out");
    expect(runCli(["build", join(dir, "rules.fw"), "-o", out]).status).toBe(0);
    expect(parseYaml(readFileSync(join(out, "ratelimit-config.yaml"), "utf8"))).toEqual({
      domain: "shop-edge",
      descriptors: [
        { key: "rule", value: "all", rate_limit: { unit: "day", requests_per_unit: 5000 } },
        { key: "rule", value: "keys", descriptors: [{ key: "by", rate_limit: { unit: "second", requests_per_unit: 10 } }] },
      ],
    });
    // One placeholder cluster however many limits call it.
    const envoy = parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    expect(envoy.static_resources.clusters.map((c: { name: string }) => c.name)).toEqual(["upstream", "rls"]);
  });

  it("writes no ratelimit-config.yaml without a global limit", () => {
    const out = tempDir();
    expect(runCli(["build", "examples/login-throttle.fw", "-o", out]).status).toBe(0);
    expect(readdirSync(out)).not.toContain("ratelimit-config.yaml");
  });

  it("reports a global limit in the wrong place as a diagnostic, not a stack trace", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.fw"), 'on request_headers limit 5 per minute via "rls" timeout 5 on failure maybe\n');
    const result = runCli(["build", join(dir, "bad.fw"), "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0157]: the timeout `5` of `via` has no unit");
    expect(result.stderr).toContain("bad.fw:1:57");
    expect(result.stderr).not.toContain("    at ");
  });
});
