import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { runCli, tempDir } from "../support/cli.js";

/** `filterc build` takes maxListBytes from filterc.yaml into the module: a longer configured list keeps the default. */
describe("filterc build with maxListBytes in filterc.yaml", () => {
  it("builds a filter that refuses configured lists past the limit, with a warning, and takes shorter ones", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rules.fw"), 'param agents = ["curl/"]\non request_headers when request.header["user-agent"] contains any agents deny 403\n');
    writeFileSync(join(dir, "filterc.yaml"), "maxListBytes: 8\n");
    const result = runCli(["build", join(dir, "rules.fw"), "-o", join(dir, "out")]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const wasm = readFileSync(join(dir, "out", "filter.wasm"));
    const status = async (config: unknown, agent: string) => {
      const host = await loadHost(wasm, { logLevel: 0, pluginConfig: JSON.stringify(config) });
      return { status: host.runStream({ request: { headers: { "user-agent": agent } } }).localResponse?.status, logs: host.logs.map((l) => l.message) };
    };
    const past = await status({ agents: ["wget/", "Scrapy/"] }, "curl/8");
    expect(past).toEqual({ status: 403, logs: ["plugin configuration: list past maxListBytes, default kept for agents"] });
    expect((await status({ agents: ["wget/", "ab"] }, "wget/1.2")).status).toBe(403);
    expect((await status({ agents: ["wget/", "ab"] }, "curl/8")).status).toBeUndefined();
  });
});
