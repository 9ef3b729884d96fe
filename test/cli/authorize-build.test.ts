// `filterc build` and `filterc doctor` of a rule file with `authorize`: the called cluster in envoy.yaml and in the
// build map, no ratelimit-config.yaml, and doctor's check that the deployment defines the cluster.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir } from "../support/cli.js";
import { unknownFields } from "../emit/envoy-v3-fields.js";

describe("filterc build and doctor with authorize", () => {
  it("writes a placeholder for the authorization cluster, which doctor then finds; without it doctor says so", () => {
    const out = tempDir();
    expect(runCli(["build", "examples/authz-gate.fw", "-o", out]).status).toBe(0);
    expect(existsSync(join(out, "ratelimit-config.yaml"))).toBe(false);
    const envoy = parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    const cluster = envoy.static_resources.clusters.find((c: { name: string }) => c.name === "ext-authz");
    expect(cluster.load_assignment.cluster_name).toBe("ext-authz");
    expect(unknownFields(envoy)).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, "filter.map.json"), "utf8")).clusters).toEqual(["ext-authz"]);
    expect(runCli(["doctor", out]).status).toBe(0);
    writeFileSync(join(out, "envoy.yaml"), readFileSync(join(out, "envoy.yaml"), "utf8").replaceAll("ext-authz", "other-authz"));
    const doctor = runCli(["doctor", out]);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout + doctor.stderr).toContain("the rules call cluster `ext-authz`, which static_resources.clusters does not define");
  });

  it("refuses a bad clause with its code, position and hint, and writes nothing", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), 'rule "auth" on request_headers authorize with "ext-authz" send headers ["Authorization"]\n');
    const result = runCli(["build", join(dir, "rules.fw"), "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0164]: `Authorization` is not a header name `send headers` can take");
    expect(result.stderr).toContain("rules.fw:1:73");
    expect(result.stderr).toContain('hint: write it in lower case: "authorization"');
    expect(existsSync(join(dir, "out", "filter.wasm"))).toBe(false);
  });
});
