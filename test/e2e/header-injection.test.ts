import { beforeAll, describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";

/**
 * Security property (issue 13): a value interpolated from a request can never carry CR, LF or NUL into a header,
 * whichever action writes it. docs/language.md: such a value is never sent; that one action is skipped with a
 * `warn` log line and later rules still run.
 */
const RULES = `
on request_headers set "x-set" = "v=\${request.header["y"]}"
on request_headers add "x-add" = "\${request.header["y"]}"
on request_headers set "x-after" = "ran"
on response_headers set "x-echo" = "\${request.header["y"]}"
on request_headers when request.path == "/reply" respond 200 "ok" with { "x-reply" = "\${request.header["y"]}" }
`;

const FORBIDDEN = /[\r\n\0]/;
const HOSTILE = ["a\r\nx-injected: 1", "a\nb", "a\rb", "a\0b", "\r\n\r\nbody"];

/** Every header the filter could have written: all but `y`, which the client sent and the filter only reads. */
function everyHeader(result: ReturnType<ProxyWasmHost["runStream"]>): Array<[string, string]> {
  const all = [...(result.upstreamRequest?.headers ?? []), ...result.response.headers, ...(result.localResponse?.headers ?? [])];
  return all.filter(([name]) => name !== "y");
}

describe("request values with CR, LF or NUL never reach a header", () => {
  let host: ProxyWasmHost;
  beforeAll(async () => {
    host = await hostFor(RULES);
  }, 120_000);

  it.each(HOSTILE)("through set, add and the response phase: %j", (value) => {
    const result = host.runStream({ request: { path: "/", headers: { y: value } }, response: { status: 200, headers: {} } });
    expect(result.trap).toBeUndefined();
    for (const [name, text] of everyHeader(result)) expect(`${name}: ${text}`).not.toMatch(FORBIDDEN);
    expect(header(result.upstreamRequest!.headers, "x-set")).toBeUndefined();
    expect(header(result.upstreamRequest!.headers, "x-add")).toBeUndefined();
    expect(header(result.upstreamRequest!.headers, "x-injected")).toBeUndefined();
    expect(header(result.response.headers, "x-echo")).toBeUndefined();
    expect(header(result.upstreamRequest!.headers, "x-after")).toBe("ran");
    expect(result.logs.some((log) => log.levelName === "warn")).toBe(true);
  });

  it.each(HOSTILE)("through the headers of a local response: %j", (value) => {
    const result = host.runStream({ request: { path: "/reply", headers: { y: value } } });
    expect(result.trap).toBeUndefined();
    for (const [name, text] of everyHeader(result)) expect(`${name}: ${text}`).not.toMatch(FORBIDDEN);
  });

  it("a clean value is written as it came", () => {
    const result = host.runStream({ request: { path: "/", headers: { y: "fine" } }, response: { status: 200, headers: {} } });
    expect(header(result.upstreamRequest!.headers, "x-set")).toBe("v=fine");
    expect(header(result.response.headers, "x-echo")).toBe("fine");
  });
});
