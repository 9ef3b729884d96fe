import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, tempDir } from "../support/cli.js";

let dir: string;

beforeAll(() => {
  dir = tempDir("filterc-versions-");
  writeFileSync(join(dir, "hello.fw"), `on response_headers set "hello" = "world"\n`);
});

describe("filterc build --istio-version / --envoy-version", () => {
  it("points at the flag when the release cannot express the failure policy, and writes nothing", () => {
    const result = runCli(["build", "hello.fw", "-o", "out1", "--istio-version", "1.19", "--failure-policy", "fail-open"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0651]: `failurePolicy: fail-open` needs a WasmPlugin with `failStrategy` (Istio 1.20+)");
    expect(result.stderr).toContain(" --> command line:1:17\n  |\n1 | --istio-version 1.19\n  |                 ^^^^");
    expect(result.stderr).toContain("build failed: 1 error; nothing was written");
  });

  it("points at filterc.yaml's key when the version came from there", () => {
    const project = join(dir, "p");
    runCli(["init", project, "--template", "hello", "--target", "envoyfilter", "--name", "p", "--yes"]);
    writeFileSync(join(project, "filterc.yaml"), readFileSync(join(project, "filterc.yaml"), "utf8") + 'istioVersion: "1.24"\n');
    writeFileSync(join(project, "filterc.yaml"), readFileSync(join(project, "filterc.yaml"), "utf8").replace("failurePolicy: fail-closed", "failurePolicy: reload"));
    const result = runCli(["build", "p.fw", "-o", "out"], { cwd: project });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0651]: `failurePolicy: reload` needs Envoy 1.33+ (`failure_policy: FAIL_RELOAD`); Envoy 1.32 (the one Istio 1.24 ships) has only `fail_open`");
    expect(result.stderr).toMatch(/--> filterc\.yaml:\d+:15/);
  });

  it("writes what an older release understands, with a warning where the WasmPlugin runs wider", () => {
    const result = runCli(["build", "hello.fw", "-o", "out2", "--istio-version", "1.14"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning[E0654]: Istio 1.14's WasmPlugin has no `match` (Istio 1.16+)");
    const plugin = parse(readFileSync(join(dir, "out2", "wasmplugin.yaml"), "utf8"));
    expect(Object.keys(plugin.spec).sort()).toEqual(["pluginConfig", "pluginName", "sha256", "url"]);
    const filter = parse(readFileSync(join(dir, "out2", "envoyfilter.yaml"), "utf8"));
    expect(filter.spec.configPatches[0].patch.value.typed_config.config.failure_policy).toBeUndefined();
  });

  it("refuses a malformed version as bad usage", () => {
    const result = runCli(["build", "hello.fw", "-o", "out3", "--envoy-version", "latest"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("`envoyVersion` must be a release such as `1.25`, found \"latest\"");
  });
});
