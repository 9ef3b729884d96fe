import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { runCli, tempDir } from "../support/cli.js";

const RULES = 'on request_body when request.body contains "bad" deny 403\n';

/** Builds RULES with the given filterc.yaml and flags; returns the CLI result and the module, if built. */
function build(yaml: string | undefined, flags: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, "rules.fw"), RULES);
  if (yaml !== undefined) writeFileSync(join(dir, "filterc.yaml"), yaml);
  const out = join(dir, "out");
  const result = runCli(["build", join(dir, "rules.fw"), "-o", out, ...flags]);
  return { result, wasm: () => readFileSync(join(out, "filter.wasm")) };
}

/** The status a 12-byte request body gets, sent in two chunks. */
async function statusOf12Bytes(wasm: Uint8Array): Promise<{ status: number; upstream?: string }> {
  const host = await loadHost(wasm, { logLevel: 0 });
  const stream = host.openStream({ request: { method: "POST", path: "/" } }, true);
  stream.requestHeaders(undefined, false);
  stream.requestBody("abcdef", false);
  stream.requestBody("ghijkl", true);
  const r = stream.close();
  return { status: r.response.status, upstream: r.upstreamRequest === undefined ? undefined : new TextDecoder().decode(r.upstreamRequest.body) };
}

describe("maxBody and onBodyOverflow (filterc.yaml, --max-body, --on-body-overflow)", () => {
  it("take filterc.yaml's values, and the flags over them", async () => {
    const fromFile = build("maxBody: 10\n");
    expect(fromFile.result.stderr).toBe("");
    expect(await statusOf12Bytes(fromFile.wasm())).toEqual({ status: 413, upstream: undefined });
    const passing = build("maxBody: 10\nonBodyOverflow: pass\n");
    expect(await statusOf12Bytes(passing.wasm())).toEqual({ status: 200, upstream: "abcdefghijkl" });
    const flag = build("maxBody: 10\n", ["--max-body", "100"]);
    expect(await statusOf12Bytes(flag.wasm())).toEqual({ status: 200, upstream: "abcdefghijkl" });
    const both = build(undefined, ["--max-body", "8", "--on-body-overflow", "pass"]);
    expect(await statusOf12Bytes(both.wasm())).toEqual({ status: 200, upstream: "abcdefghijkl" });
  });

  it("refuse bad values with a clear message", () => {
    const word = build("maxBody: big\nonBodyOverflow: reject\n");
    expect(word.result.status).toBe(1);
    expect(word.result.stderr).toContain("filterc.yaml:1:10");
    expect(word.result.stderr).toContain("E0504");
    expect(word.result.stderr).toContain("`onBodyOverflow` must be `deny` or `pass`");
    const flag = build(undefined, ["--max-body", "1k"]);
    expect(flag.result.status).toBe(2);
    expect(flag.result.stderr).toContain("--max-body takes a whole number of bytes");
    const choice = build(undefined, ["--on-body-overflow", "drop"]);
    expect(choice.result.status).toBe(2);
    expect(choice.result.stderr).toContain("--on-body-overflow takes deny or pass, not drop");
  });
});
