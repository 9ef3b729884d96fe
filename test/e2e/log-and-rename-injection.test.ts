import { beforeAll, describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { header, headerValues, hostFor } from "../support/compile.js";

/**
 * Security property (issue 13), for the two ways request bytes reach output besides computed header values:
 * - a `log` line shows CR, LF and NUL as the visible escapes `\r`, `\n`, `\0`, so a client cannot end the proxy's
 *   log line and forge another;
 * - `rename` moves values as computed values are written: one holding CR, LF or NUL skips the rename with the
 *   `skipped header` warning, and the header map stays as it was.
 * docs/language.md, "Actions", says both.
 */
const RULES = `
param banner = "ok"
on request_headers log warn "path=\${request.path} y=\${request.header["y"]} banner=\${banner}"
on request_headers when request.header["z"] == "literal" log info "a\\nb\\rc"
on request_headers rename "y" to "x-y"
on request_headers set "x-after" = "ran"
`;

const FORBIDDEN = /[\r\n\0]/;

describe("log lines escape CR, LF and NUL", () => {
  let host: ProxyWasmHost;
  beforeAll(async () => {
    host = await hostFor(RULES, { logLevel: 0 });
  }, 120_000);

  it.each([
    ["a\r\nforged line", "a\\r\\nforged line"],
    ["a\nb", "a\\nb"],
    ["a\0b", "a\\0b"],
    ["\r\n\r\n", "\\r\\n\\r\\n"],
    ["back\\slash stays", "back\\slash stays"],
  ])("a request value %j is logged as %j", (value, shown) => {
    const result = host.runStream({ request: { path: "/p", headers: { y: value } } });
    expect(result.trap).toBeUndefined();
    const lines = result.logs.filter((l) => l.message.startsWith("path="));
    expect(lines.map((l) => l.message)).toEqual([`path=/p y=${shown} banner=ok`]);
    for (const log of result.logs) expect(log.message).not.toMatch(FORBIDDEN);
  });

  it("a configured param with CR, LF or NUL is escaped too", async () => {
    const configured = await hostFor(RULES, { logLevel: 0, pluginConfig: JSON.stringify({ banner: "1\n2\u00003" }) });
    const result = configured.runStream({ request: { path: "/p", headers: { y: "v" } } });
    expect(result.logs.filter((l) => l.message.startsWith("path=")).map((l) => l.message)).toEqual(["path=/p y=v banner=1\\n2\\03"]);
  });

  it("a literal line's own \\n and \\r escapes are shown escaped as well", () => {
    const result = host.runStream({ request: { path: "/p", headers: { z: "literal" } } });
    expect(result.logs.filter((l) => l.levelName === "info").map((l) => l.message)).toEqual(["a\\nb\\rc"]);
  });

  it("a clean line is logged as it is", () => {
    const result = host.runStream({ request: { path: "/p?q=1", headers: { y: "fine" } } });
    expect(result.logs.filter((l) => l.message.startsWith("path=")).map((l) => l.message)).toEqual(["path=/p?q=1 y=fine banner=ok"]);
  });
});

describe("rename treats moved values as computed values", () => {
  let host: ProxyWasmHost;
  beforeAll(async () => {
    host = await hostFor(RULES, { logLevel: 0 });
  }, 120_000);

  it.each(["a\r\nx-injected: 1", "a\nb", "a\rb", "a\0b"])("a value %j skips the rename with a warning", (value) => {
    const result = host.runStream({ request: { path: "/p", headers: [["y", "clean"], ["y", value], ["x-y", "old"]] } });
    expect(result.trap).toBeUndefined();
    const upstream = result.upstreamRequest!.headers;
    // Nothing moved: y keeps both values, x-y its own, and no header the filter wrote holds CR, LF or NUL.
    expect(headerValues(upstream, "y")).toEqual(["clean", value]);
    expect(headerValues(upstream, "x-y")).toEqual(["old"]);
    expect(header(upstream, "x-injected")).toBeUndefined();
    expect(result.logs.filter((l) => l.levelName === "warn" && l.message.startsWith("skipped")).map((l) => l.message)).toEqual([
      'skipped header "x-y": its value contains CR, LF or NUL',
    ]);
    // Later rules still run.
    expect(header(upstream, "x-after")).toBe("ran");
  });

  it("clean values move, replacing the target's", () => {
    const result = host.runStream({ request: { path: "/p", headers: [["y", "1"], ["y", "2"], ["x-y", "old"]] } });
    expect(headerValues(result.upstreamRequest!.headers, "x-y")).toEqual(["1", "2"]);
    expect(header(result.upstreamRequest!.headers, "y")).toBeUndefined();
  });
});
