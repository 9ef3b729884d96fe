import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir } from "../support/cli.js";
import { unknownFields } from "../emit/envoy-v3-fields.js";
import { envoyFilterCelViolations } from "../emit/istio-cel-rules.js";
import { crdValidator, errorText } from "../emit/istio-crds.js";

/**
 * `filterc build` of a program that holds headers for body rules (docs/language.md, "Changing headers in a body
 * phase"; docs/deploy.md): only the deployment files that can set allow_on_headers_stop_iteration.
 */

const HOLDING = 'on request_body when request.body contains "secret" set "x-body-flag" = "1"\n';

function project(rules = HOLDING): string {
  const dir = tempDir();
  writeFileSync(join(dir, "holds.fw"), rules);
  return dir;
}

describe("filterc build of a program that holds headers", () => {
  it("writes only envoyfilter.yaml and envoy.yaml, sets the field in both, and says why wasmplugin.yaml is missing", () => {
    const dir = project();
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "holds.fw"), "-o", out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("wrote");
    expect(existsSync(join(out, "wasmplugin.yaml"))).toBe(false);
    expect(result.stderr).toContain("note: wasmplugin.yaml not written: this filter holds request headers for a body rule");
    expect(result.stderr).toContain("allow_on_headers_stop_iteration");

    const envoyFilter = parseYaml(readFileSync(join(out, "envoyfilter.yaml"), "utf8"));
    const validate = crdValidator("EnvoyFilter", "networking.istio.io/v1alpha3");
    expect(validate(envoyFilter), errorText(validate)).toBe(true);
    expect(envoyFilterCelViolations(envoyFilter)).toEqual([]);
    const typed = envoyFilter.spec.configPatches[0].patch.value.typed_config;
    expect(typed.config.allow_on_headers_stop_iteration).toBe(true);
    expect(unknownFields(typed, "Wasm")).toEqual([]);

    const bootstrap = parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    expect(unknownFields(bootstrap)).toEqual([]);
    const filters = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters;
    expect(filters[0].typed_config.config.allow_on_headers_stop_iteration).toBe(true);
  });

  it("refuses an explicit --target wasmplugin with E0620, pointing at the rule, and writes nothing", () => {
    const dir = project();
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "holds.fw"), "-o", out, "--target", "wasmplugin"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0620]: `--target wasmplugin` cannot run this filter");
    expect(result.stderr).toContain("holds.fw:1:53");
    expect(result.stderr).toContain("Istio's WasmPlugin cannot set");
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(join(out, "filter.wasm"))).toBe(false);
  });

  it("refuses the legacy EnvoyFilter form asked for explicitly (E0621), and leaves it out with a note otherwise", () => {
    const dir = project();
    const refused = runCli(["build", join(dir, "holds.fw"), "-o", join(dir, "a"), "--target", "envoyfilter", "--envoyfilter-format", "legacy"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("error[E0621]");
    const built = runCli(["build", join(dir, "holds.fw"), "-o", join(dir, "b"), "--envoyfilter-format", "legacy"]);
    expect(built.status).toBe(0);
    expect(built.stderr).toContain("note: envoyfilter.yaml not written");
    expect(existsSync(join(dir, "b", "envoyfilter.yaml"))).toBe(false);
    expect(existsSync(join(dir, "b", "envoy.yaml"))).toBe(true);
  });

  it("takes the targets from filterc.yaml too, refusing wasmplugin there with E0620", () => {
    const dir = project();
    writeFileSync(join(dir, "filterc.yaml"), "targets: [wasmplugin, envoy]\n");
    const refused = runCli(["build", join(dir, "holds.fw"), "-o", join(dir, "a")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("error[E0620]: `wasmplugin` in filterc.yaml's `targets` cannot run this filter");
    // The flag wins over the file.
    const built = runCli(["build", join(dir, "holds.fw"), "-o", join(dir, "b"), "--target", "envoy"]);
    expect(built.status).toBe(0);
    expect(existsSync(join(dir, "b", "envoy.yaml"))).toBe(true);
    expect(existsSync(join(dir, "b", "wasmplugin.yaml"))).toBe(false);
  });

  it("writes the targets asked for, and refuses an unknown one as bad usage", () => {
    const dir = project();
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "holds.fw"), "-o", out, "--target", "envoy"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(existsSync(join(out, "envoy.yaml"))).toBe(true);
    expect(existsSync(join(out, "envoyfilter.yaml"))).toBe(false);
    const typo = runCli(["build", join(dir, "holds.fw"), "-o", out, "--target", "wasmplugn"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("--target takes envoyfilter, wasmplugin, trafficextension, envoyextensionpolicy, envoy, not wasmplugn (did you mean `wasmplugin`?)");
  });

  it("leaves a program without such rules as it was: all three files, no field", () => {
    const dir = project('on request_body when request.body contains "secret" deny 403\n');
    const out = join(dir, "out");
    const result = runCli(["build", join(dir, "holds.fw"), "-o", out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    for (const file of ["envoyfilter.yaml", "wasmplugin.yaml", "envoy.yaml"]) {
      expect(readFileSync(join(out, file), "utf8")).not.toContain("allow_on_headers_stop_iteration");
    }
  });

  it("still reports a request change in on response_body as E0271, saying why", () => {
    const dir = project('on response_body when response.body contains "x" rewrite path "/y"\n');
    const result = runCli(["build", join(dir, "holds.fw"), "-o", join(dir, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0271]: `rewrite path` cannot be used in `on response_body`: it changes the request");
  });
});

describe("filterc test of a program that holds headers", () => {
  const CASES = `cases:
  - name: flags a secret body
    request: { method: POST, path: /upload, body: "a secret" }
    expect:
      upstream: { headers: { x-body-flag: "1" } }
  - name: without allow_on_headers_stop_iteration the request stalls, as in Envoy
    allowOnHeadersStopIteration: false
    request: { method: POST, path: /upload, body: "a secret" }
    expect:
      upstream: false
`;

  it("runs it as deployed (allow_on_headers_stop_iteration on) unless a case turns it off", () => {
    const dir = project();
    writeFileSync(join(dir, "holds.test.yaml"), CASES);
    const result = runCli(["test", join(dir, "holds.fw"), "--no-coverage"]);
    expect(result.stdout).toContain("PASS flags a secret body");
    expect(result.stdout).toContain("PASS without allow_on_headers_stop_iteration");
    expect(result.status).toBe(0);
  });
});
