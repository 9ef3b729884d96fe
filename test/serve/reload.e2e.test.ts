// Hot reload: saving the rule file swaps in the new filter while requests keep flowing (none fails), a save that
// does not compile keeps the previous filter and prints the diagnostic, and the plugin configuration file is
// reloaded live.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/cli.js";
import { send, startServe, startUpstream, type Serving, type Upstream } from "./harness.js";

const dir = tempDir("filterc-serve-reload-");
const rules = join(dir, "rules.fw");
const config = join(dir, "config.json");
const version = (v: string) => `param greeting = "hi"\nrule "version" on response_headers {\n  set "x-version" = "${v}"\n  set "x-greeting" = greeting\n}\n`;

let upstream: Upstream;
let serving: Serving;

beforeAll(async () => {
  writeFileSync(rules, version("1"));
  writeFileSync(config, JSON.stringify({ greeting: "hello" }));
  upstream = await startUpstream();
  serving = await startServe([rules, "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--plugin-config", config, "--workers", "2"]);
});

afterAll(async () => {
  await serving?.stop("SIGKILL");
  await upstream?.close();
});

/** Requests on 4 connections at once until stopped: every status and x-version seen, and every error. */
function load(url: string) {
  let running = true;
  const statuses: number[] = [];
  const versions = new Set<string>();
  const errors: string[] = [];
  const loop = async () => {
    while (running) {
      try {
        const reply = await send(`${url}/load`);
        statuses.push(reply.status);
        versions.add(String(reply.headers["x-version"]));
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
  };
  const loops = [loop(), loop(), loop(), loop()];
  return {
    versions,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { statuses, errors };
    },
  };
}

describe("filterc serve reloads", () => {
  it("swaps in the saved rules under continuous load with no failed request, and keeps them when a save does not compile", async () => {
    const traffic = load(serving.url);
    writeFileSync(rules, version("2"));
    await serving.waitFor(/reloaded .*rules\.fw/);
    while (!traffic.versions.has("2")) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(rules, 'rule "version" on response_headers set "x-version" = "3"\non response_header set "a" = "b"\n');
    await serving.waitFor("still serving the previous filter");
    const after = await send(`${serving.url}/after-error`);
    const { statuses, errors } = await traffic.stop();
    expect(errors).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect([...traffic.versions].sort()).toEqual(["1", "2"]);
    // The diagnostic as `filterc build` prints it, with the file, line and caret.
    expect(serving.stderr()).toMatch(/error\[E\d{4}\]/);
    expect(serving.stderr()).toContain("rules.fw:2:");
    expect(after.headers["x-version"]).toBe("2");
  });

  it("follows the files the rule file imports: saving an imported file reloads", async () => {
    writeFileSync(join(dir, "common.fw"), 'rule "common" on response_headers set "x-common" = "a"\n');
    writeFileSync(rules, `import "common.fw"\n${version("4")}`);
    await serving.waitFor(/reloaded .*rules\.fw(.|\n)*reloaded .*rules\.fw/);
    expect((await send(`${serving.url}/imported`)).headers["x-common"]).toBe("a");
    writeFileSync(join(dir, "common.fw"), 'rule "common" on response_headers set "x-common" = "b"\n');
    await serving.waitFor(/(reloaded .*rules\.fw(.|\n)*){3}/);
    expect((await send(`${serving.url}/imported`)).headers["x-common"]).toBe("b");
  });

  it("reloads the plugin configuration file when it changes", async () => {
    expect((await send(`${serving.url}/greet`)).headers["x-greeting"]).toBe("hello");
    writeFileSync(config, JSON.stringify({ greeting: "bye" }));
    await serving.waitFor("plugin configuration reloaded");
    // Both workers run the new configuration.
    const replies = [await send(`${serving.url}/greet`), await send(`${serving.url}/greet`)];
    expect(replies.map((r) => r.headers["x-greeting"])).toEqual(["bye", "bye"]);
  });
});
