import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRules } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { header, hostFor } from "../support/compile.js";
import { runCli, tempDir } from "../support/cli.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("random() and uuid()", () => {
  const rules = ['on request_headers set_default "x-request-id" = uuid()', 'on request_headers set "x-random" = "${random()}"', 'on request_headers set "x-uuid" = uuid()'].join("\n");

  it("give a version-4 UUID and an int in 0..2^32-1, new on every request", async () => {
    const host = await hostFor(rules);
    const seen = new Set<string>();
    let random = 0n;
    for (let i = 0; i < 200; i++) {
      const headers = host.runStream({}).upstreamRequest!.headers;
      const uuid = header(headers, "x-uuid")!;
      expect(uuid).toMatch(UUID_V4);
      seen.add(uuid);
      const value = BigInt(header(headers, "x-random")!);
      expect(value >= 0n && value < 2n ** 32n).toBe(true);
      random |= value;
    }
    expect(seen.size).toBe(200);
    // Every bit of the 32 takes part.
    expect(random).toBe(2n ** 32n - 1n);
  });

  it("keeps a request id the request has (set_default), and generates one when it has none", async () => {
    const host = await hostFor('on request_headers set_default "x-id" = uuid()');
    expect(header(host.runStream({ request: { headers: { "x-id": "mine" } } }).upstreamRequest!.headers, "x-id")).toBe("mine");
    expect(header(host.runStream({}).upstreamRequest!.headers, "x-id")).toMatch(UUID_V4);
  });

  it("are the same for the same host seed, and differ for another", async () => {
    const values = async (randomSeed: number) => {
      const host = await hostFor(rules, { randomSeed });
      return [0, 1, 2].map(() => header(host.runStream({}).upstreamRequest!.headers, "x-uuid"));
    };
    expect(await values(7)).toEqual(await values(7));
    expect(await values(7)).not.toEqual(await values(8));
  });

  it("ask the proxy for random bytes at most once per request, and only filters that use them import random_get", async () => {
    const host = await hostFor(rules, { trace: true });
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const result = host.runStream({});
      const calls = result.trace.filter((event) => event.type === "hostcall" && event.name === "wasi_snapshot_preview1.random_get");
      expect(calls.length).toBeLessThanOrEqual(1);
      total += calls.length;
    }
    // 20 requests of 20 to 36 bytes each take two or three pools of 256 bytes.
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(3);
    const plain = await compileRules(new Source("p.fw", 'on request_headers set "x" = "${hash(request.path)}"'));
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(plain.wasm!)).map((i) => i.name);
    expect(imports).not.toContain("random_get");
    const used = await compileRules(new Source("r.fw", rules));
    expect(WebAssembly.Module.imports(new WebAssembly.Module(used.wasm!)).map((i) => `${i.module}.${i.name}`)).toContain("wasi_snapshot_preview1.random_get");
  });

  it("are evaluated per request, not once per configuration, in a value of params alone", async () => {
    const host = await hostFor('param tag = "id-"\non request_headers set "x-id" = "${tag}${uuid()}"');
    const a = header(host.runStream({}).upstreamRequest!.headers, "x-id");
    const b = header(host.runStream({}).upstreamRequest!.headers, "x-id");
    expect(a).toMatch(/^id-/);
    expect(a).not.toBe(b);
  });

  it("take a fixed seed from a filterc test case file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ids.fw"), 'on request_headers set "x-uuid" = uuid()\n');
    // Run once to learn the value the seed gives, then assert it in a case.
    const probe = runCli(["run", join(dir, "ids.fw"), "--request", "GET /"]);
    expect(probe.status).toBe(0);
    const caseFile = (seed: number, value: string) =>
      ["seed: " + seed, "cases:", "  - name: fixed", "    expect: { upstream: { headers: { x-uuid: " + JSON.stringify(value) + " } } }", ""].join("\n");
    writeFileSync(join(dir, "ids.test.yaml"), caseFile(42, "not-yet-known"));
    const first = runCli(["test", join(dir, "ids.fw"), "--format", "json"]);
    expect(first.status).toBe(1);
    const actual = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(first.stdout)?.[0];
    expect(actual).toBeDefined();
    writeFileSync(join(dir, "ids.test.yaml"), caseFile(42, actual!));
    for (let run = 0; run < 2; run++) expect(runCli(["test", join(dir, "ids.fw")]).status).toBe(0);
    // Another seed gives another value.
    writeFileSync(join(dir, "ids.test.yaml"), caseFile(43, actual!));
    expect(runCli(["test", join(dir, "ids.fw")]).status).toBe(1);
  });
});
