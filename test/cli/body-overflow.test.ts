import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli, tempDir } from "../support/cli.js";

/** The body_overflow counter's tags reach envoy.yaml (docs/language.md, "Bodies"). */
describe("body_overflow through the CLI", () => {
  it("writes stats_tags for direction and outcome in a program with body rules, and none without", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bodies.fw"), 'on request_body when request.body contains "x" deny 403\n');
    writeFileSync(join(dir, "headers.fw"), 'on request_headers when request.path == "/x" deny 403\n');
    const build = (name: string) => {
      const out = join(dir, `out-${name}`);
      const result = runCli(["build", join(dir, `${name}.fw`), "-o", out, "--on-body-overflow", "pass"]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      return parseYaml(readFileSync(join(out, "envoy.yaml"), "utf8"));
    };
    expect(build("bodies").stats_config.stats_tags.map((t: { tag_name: string }) => t.tag_name)).toEqual(["direction", "outcome"]);
    expect(build("headers").stats_config).toBeUndefined();
  });
});
