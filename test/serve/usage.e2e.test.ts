// `filterc serve` called the wrong way: one line on stderr and exit code 2, before anything listens; rules that do
// not compile: the diagnostics as `filterc build` prints them and exit code 1. Each flag's checks are in
// options.test.ts; here a few of them go through the CLI as a process.

import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileFilter } from "../host/helpers.js";
import { runCli, tempDir } from "../support/cli.js";

const dir = tempDir("filterc-serve-usage-");
const rules = join(dir, "rules.fw");
writeFileSync(rules, 'on response_headers set "a" = "b"\n');
const up = ["--upstream", "http://127.0.0.1:9"];

describe("filterc serve usage errors", () => {
  it.each([
    [[rules], "error: --upstream is required, e.g. --upstream http://127.0.0.1:8080"],
    [[rules, ...up, "--cluster", "authz=grpcs://127.0.0.1:9001"], "error: --cluster takes name=http://host:port or name=grpc://host:port, not authz=grpcs://127.0.0.1:9001 (grpcs:// (TLS) is not supported; use grpc://)"],
    [[join(dir, "missing.fw"), ...up], `error: cannot read ${join(dir, "missing.fw")}: no such file`],
    [[dir, ...up], `error: cannot read ${dir}: it is a directory, not a rule file`],
    [[rules, ...up, "--workers", "0"], 'error: --workers takes a whole number from 1 to 64, not "0"'],
    [[rules, ...up, "--plugin-config", "missing.json"], "error: --plugin-config: cannot read missing.json: no such file"],
    [[rules, ...up, "--bogus"], "error: unknown option '--bogus'"],
  ])("serve %j", (args, message) => {
    const result = runCli(["serve", ...args]);
    expect([result.status, result.stderr, result.stdout]).toEqual([2, message + "\n", ""]);
  });

  it("refuses a rule file that is not UTF-8 with E0001 at its first bad byte, as every command does", () => {
    const bad = join(dir, "latin1.fw");
    writeFileSync(bad, Buffer.from([0x6f, 0x6e, 0x20, 0xff, 0x0a]));
    const result = runCli(["serve", bad, ...up]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("E0001");
    expect(result.stderr).toContain(`${bad}:1:4`);
  });

  it("says which address is in use", async () => {
    const wasm = join(dir, "trap.wasm");
    writeFileSync(wasm, await compileFilter("trap-every"));
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = runCli(["serve", "--wasm", wasm, ...up, "--listen", `127.0.0.1:${port}`]);
      expect([result.status, result.stderr]).toEqual([2, `error: --listen: cannot listen on 127.0.0.1:${port}: the address is in use\n`]);
    } finally {
      taken.close();
    }
  });

  it("prints the diagnostics of rules that do not compile and exits 1", () => {
    const sub = join(dir, "broken");
    mkdirSync(sub);
    writeFileSync(join(sub, "rules.fw"), 'on response_header set "hello" = "world"\n');
    const result = runCli(["serve", join(sub, "rules.fw"), ...up]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error[E0201]: unknown phase `response_header`");
    expect(result.stderr).toContain("rules.fw:1:4");
    expect(result.stderr).toContain("does not compile: 1 error");
  });
});
