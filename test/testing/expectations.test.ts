import { describe, expect, it } from "vitest";
import type { HeaderList, LogEntry, StreamResult } from "../../host/index.js";
import { lineDiff } from "../../compiler/testing/report/index.js";
import { checkExpectations } from "../../compiler/testing/check-expectations.js";
import { load } from "./helpers.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A stream that reached the upstream and got its answer, with some overrides. */
function stream(overrides: Partial<StreamResult> = {}): StreamResult {
  return {
    upstreamRequest: { headers: [[":method", "GET"], [":path", "/api-canary/a"], [":authority", "example.com"], ["x-id", "1"], ["x-id", "2"]], body: bytes(""), trailers: [] },
    response: { status: 200, headers: [[":status", "200"], ["hello", "world"]], body: bytes("ok\n"), local: false },
    logs: [],
    trace: [],
    hostCalls: 0,
    paused: false,
    ...overrides,
  };
}

const log = (levelName: string, message: string): LogEntry => ({ level: ["trace", "debug", "info", "warn", "error", "critical"].indexOf(levelName), levelName, message, contextId: 2 });

function check(expectYaml: string, result: StreamResult, logs: LogEntry[] = [], metrics = new Map<string, { type: "counter"; value: bigint }>()) {
  const { file, diagnostics } = load(`cases:\n  - name: c\n    expect:\n${expectYaml.replace(/^/gm, "      ")}\n`);
  expect(diagnostics).toEqual([]);
  return checkExpectations(file!.cases[0]!.expect, { result, logs, metrics });
}

describe("checking expectations", () => {
  it("passes when every check holds, whatever it does not mention", () => {
    const mismatches = check(
      [
        "upstream: { path: /api-canary/a, method: GET, host: { contains: example }, headers: { x-id: ['1', '2'] }, absent: [x-canary] }",
        "local: false",
        "response: { status: 200, headers: { hello: { matches: '^w.r' } }, body: \"ok\\n\", absent: [server] }",
      ].join("\n"),
      stream(),
    );
    expect(mismatches).toEqual([]);
  });

  it("names each failed check with the expected and actual values", () => {
    const mismatches = check(
      "upstream: { path: /api/a, headers: { x-id: '1', x-new: v }, absent: [x-id] }\nresponse: { status: 403, headers: { hello: { contains: moon } } }",
      stream(),
    );
    expect(mismatches).toEqual([
      { what: "upstream.path", expected: '"/api/a"', actual: '"/api-canary/a"' },
      { what: "upstream.headers.x-id", expected: '"1"', actual: '["1", "2"]' },
      { what: "upstream.headers.x-new", expected: '"v"', actual: "(absent)" },
      { what: "upstream.headers.x-id", expected: "(absent)", actual: '["1", "2"]' },
      { what: "response.status", expected: "403", actual: "200" },
      { what: "response.headers.hello", expected: 'containing "moon"', actual: '"world"' },
    ]);
  });

  it("says why the upstream was not reached, and what local reply there was", () => {
    const denied = stream({
      upstreamRequest: undefined,
      localResponse: { status: 403, body: bytes("forbidden\n"), headers: [], details: "filterc_admin", grpcStatus: -1 },
      response: { status: 403, headers: [[":status", "403"]], body: bytes("forbidden\n"), local: true, details: "filterc_admin" },
    });
    expect(check("upstream: true\nlocal: false", denied)).toEqual([
      { what: "upstream", expected: "reached", actual: 'not reached: the filter answered 403 "forbidden\\n", details filterc_admin' },
      { what: "local", expected: "no local reply", actual: '403 "forbidden\\n", details filterc_admin' },
    ]);
    expect(check("upstream: false\nlocal: { status: 401 }", stream())).toEqual([
      { what: "upstream", expected: "not reached", actual: "reached: GET /api-canary/a" },
      { what: "local", expected: "a local reply", actual: "none: the request reached the upstream" },
    ]);
    expect(check("local: { status: 403, details: filterc_admin, body: { contains: forbid } }", denied)).toEqual([]);
  });

  it("keeps both texts of a multi-line body mismatch for a line diff", () => {
    const [mismatch] = check('response: { body: "a\\nb\\n" }', stream());
    expect(mismatch).toMatchObject({ what: "response.body", expected: '"a\\nb\\n"', actual: '"ok\\n"', texts: { expected: "a\nb\n", actual: "ok\n" } });
    expect(lineDiff("a\nb\n", "a\nc\n")).toEqual(["  a", "- b", "+ c"]);
    expect(lineDiff("same", "same\n")).toEqual(["  same", "(the expected text does not end with a newline, the actual text does)"]);
  });

  it("finds log lines in order, by level and text, and an empty list means no lines", () => {
    const logs = [log("info", "starting"), log("warn", "admin request refused"), log("error", "boom")];
    expect(check("logs: [starting, { level: warn, contains: refused }, { matches: '^bo+m$' }]", stream(), logs)).toEqual([]);
    expect(check("logs: [boom, starting]", stream(), logs)).toEqual([
      {
        what: "logs[1]",
        expected: 'a line containing "starting" (it appears, but before the line matched by the previous entry)',
        actual: 'info "starting"\nwarn "admin request refused"\nerror "boom"',
      },
    ]);
    expect(check("logs: [{ level: error, message: refused }]", stream(), logs)[0]!.expected).toBe('an error line exactly "refused"');
    expect(check("logs: []", stream(), logs)[0]).toMatchObject({ what: "logs", expected: "no lines" });
    expect(check("logs: []", stream(), [])).toEqual([]);
  });

  it("compares metrics by name after the request", () => {
    const metrics = new Map([["hits", { type: "counter" as const, value: 2n }]]);
    expect(check("metrics: { hits: 2 }", stream(), [], metrics)).toEqual([]);
    expect(check("metrics: { hits: 3, misses: 0 }", stream(), [], metrics)).toEqual([
      { what: 'metrics["hits"]', expected: "3", actual: "2" },
      { what: 'metrics["misses"]', expected: "0", actual: "(no such metric)" },
    ]);
  });

  it("treats header names case-insensitively, as Envoy lower-cases them", () => {
    const headers: HeaderList = [[":status", "200"], ["x-served-by", "canary"]];
    expect(check("response: { headers: { X-Served-By: canary } }", stream({ response: { status: 200, headers, body: bytes(""), local: false } }))).toEqual([]);
  });
});
