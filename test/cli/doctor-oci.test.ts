import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";

/** `filterc package` for an Istio release, then `filterc doctor --oci`, run as a user would. */

/** Builds run as processes: room for a loaded machine, not a measure of speed. */
const BUILDS = 240_000;
const RULES = 'rule "gate" on request_headers when request.path starts_with "/admin" deny 403\n';
const IMAGE = "registry.example.com/filters/gate:1.0.0";

describe("TrafficExtension needs Istio 1.30 (E0655); filterc doctor --oci", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir("filterc-doctor-oci-");
    writeFileSync(join(dir, "gate.fw"), RULES);
  });

  it("filterc package for Istio 1.28 leaves trafficextension.yaml out with a note; --target trafficextension is refused", () => {
    const packaged = runCli(["package", join(dir, "gate.fw"), "--oci", join(dir, "image.tar"), "--image", IMAGE, "--istio-version", "1.28", "-o", join(dir, "out")]);
    expect(packaged.status, packaged.stderr).toBe(0);
    expect(packaged.stdout + packaged.stderr).toContain("trafficextension.yaml not written: Istio 1.28 has no TrafficExtension (it arrived in Istio 1.30)");
    expect(existsSync(join(dir, "out", "trafficextension.yaml"))).toBe(false);
    expect(existsSync(join(dir, "out", "wasmplugin.yaml"))).toBe(true);

    const refused = runCli(["build", join(dir, "gate.fw"), "--target", "trafficextension", "--istio-version", "1.28", "-o", join(dir, "refused")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("error[E0655]: Istio 1.28 has no TrafficExtension (it arrived in Istio 1.30)");
    expect(refused.stderr).toContain("--istio-version");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "refused"))).toBe(false);

    const fits = runCli(["build", join(dir, "gate.fw"), "--target", "trafficextension", "--istio-version", "1.30", "-o", join(dir, "fits")]);
    expect(fits.status, fits.stderr).toBe(0);
    expect(existsSync(join(dir, "fits", "trafficextension.yaml"))).toBe(true);
  }, BUILDS);

  it("doctor --oci passes the image package wrote, finds a sha256 that is not its digest, and refuses a path that is no image", () => {
    const clean = runCli(["doctor", join(dir, "out"), "--oci", join(dir, "image.tar")]);
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, "", ""]);

    const plugin = join(dir, "out", "wasmplugin.yaml");
    writeFileSync(plugin, readFileSync(plugin, "utf8").replace(/\n {2}sha256: [0-9a-f]{64}/, `\n  sha256: ${"0".repeat(64)}`));
    const wrong = runCli(["doctor", join(dir, "out"), "--oci", join(dir, "image.tar"), "--no-color"]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain("error[D015]: the WasmPlugin's sha256 0000000000000000000000000000000000000000000000000000000000000000 is not the image's manifest digest");

    const missing = runCli(["doctor", join(dir, "out"), "--oci", join(dir, "nope")]);
    expect([missing.status, missing.stderr.trim()]).toEqual([2, `error: --oci ${join(dir, "nope")} does not exist: name the directory or .tar that \`filterc package --oci\` wrote`]);
    const notTar = runCli(["doctor", join(dir, "out"), "--oci", join(dir, "gate.fw")]);
    expect(notTar.status).toBe(2);
    expect(notTar.stderr).toContain("is not a tar archive");
    const notImage = runCli(["doctor", join(dir, "out"), "--oci", join(dir, "out")]);
    expect(notImage.status).toBe(2);
    expect(notImage.stderr).toContain("is not an OCI image layout (it has no oci-layout or index.json)");
  }, BUILDS);
});
