/**
 * Mismatches the differential tests found between the compiled filter and the reference interpreter, each as a
 * small program and exchange: both must give the outcome written here.
 */
import { describe, expect, it } from "vitest";
import { firstMismatch } from "./differential.js";
import { interpret } from "./interpreter.js";
import { exchangeOf, type Exchange, type Outcome } from "./model.js";

/** The interpreter's outcome, after checking that the compiled filter gives the same. */
async function agreed(program: string, exchange: Exchange, config = ""): Promise<Outcome> {
  const mismatch = await firstMismatch(program, config, [exchange]);
  expect(mismatch?.actual).toEqual(mismatch?.expected);
  return interpret(program, exchange, config);
}

const values = (headers: Outcome["response"], name: string) => (headers ?? []).filter(([k]) => k === name).map(([, v]) => v);

describe("regressions from differential fuzzing", () => {
  it("rename of a header to itself keeps its values (the filter used to drop them)", async () => {
    const exchange = exchangeOf({ response: { headers: [["x-aa-1", "/admin"], ["x-aa-1", "b"]] } });
    const outcome = await agreed('on response_headers rename "x-aa-1" to "x-aa-1"', exchange);
    expect(values(outcome.response, "x-aa-1")).toEqual(["/admin", "b"]);
  });
  it("a redirect skipped for an unsafe location ends its rule's actions; the next rule runs (decided in language.md)", async () => {
    const program = 'on response_headers {\n  redirect lower(request.query["q"])\n  set "x-b" = response.status\n}\non response_headers set "x-c" = "1"';
    const outcome = await agreed(program, exchangeOf({ request: { path: "//b?q=%0d%0aInjected:%20yes" }, response: { status: 204 } }));
    expect([values(outcome.response, "x-b"), values(outcome.response, "x-c"), outcome.local]).toEqual([[], ["1"], undefined]);
    expect(outcome.logs).toEqual([{ level: "warn", message: 'skipped header "location": its value contains CR, LF or NUL' }]);
  });

  describe("the plugin configuration is read as JSON, strictly (the filter's reader was lax)", () => {
    const program = 'param s = "d"\nparam n = 5\nparam l = ["x"]\non request_headers { set "x-s" = s; set "x-n" = "${n}" }\non request_headers when request.header["x-v"] in l set "x-l" = "1"';
    const exchange = exchangeOf({ request: { headers: [["x-v", "é😀"], ["x-request-id", "r"]] } });
    const header = (outcome: Outcome, name: string) => values(outcome.upstream, name)[0];
    const notJson = [{ level: "warn", message: "plugin configuration is not a JSON object: using defaults" }];
    it("a surrogate pair escape is one character; a lone surrogate is U+FFFD", async () => {
      expect(header(await agreed(program, exchange, String.raw`{"s": "\u00e9\ud83d\ude00"}`), "x-s")).toBe("é😀");
      expect(header(await agreed(program, exchange, String.raw`{"l": ["\u00e9\ud83d\ude00"]}`), "x-l")).toBe("1");
      expect(header(await agreed(program, exchange, String.raw`{"s": "a\ud83dz\ude00\u0041"}`), "x-s")).toBe("a\uFFFDz\uFFFDA");
    });
    it("an int is a whole number of up to 18 digits, kept exactly", async () => {
      for (const written of ["1.0", "1e2"]) {
        const outcome = await agreed(program, exchange, `{"n": ${written}}`);
        expect(header(outcome, "x-n")).toBe("5");
        expect(outcome.configLogs).toEqual([{ level: "warn", message: "plugin configuration: wrong type, default kept for n" }]);
      }
      expect(header(await agreed(program, exchange, '{"n": -123456789012345678}'), "x-n")).toBe("-123456789012345678");
      // A number's spelling is not checked beyond its characters (language.md).
      expect(header(await agreed(program, exchange, '{"n": 05}'), "x-n")).toBe("5");
      expect((await agreed(program, exchange, '{"n": -}')).configLogs).toEqual([{ level: "warn", message: "plugin configuration: wrong type, default kept for n" }]);
    });
    it("a key given twice is read twice: the last value of the right type wins, a wrong one is warned about", async () => {
      const outcome = await agreed(program, exchange, '{"n": 7, "n": true}');
      expect([header(outcome, "x-n"), outcome.configLogs]).toEqual(["7", [{ level: "warn", message: "plugin configuration: wrong type, default kept for n" }]]);
    });
    it("unknown escapes and short \\u escapes make the whole text not JSON", async () => {
      for (const text of [String.raw`{"s": "\x41"}`, String.raw`{"s": "\u00zz"}`, String.raw`{"s": "\u00e"}`]) {
        const outcome = await agreed(program, exchange, text);
        expect([header(outcome, "x-s"), outcome.configLogs]).toEqual(["d", notJson]);
      }
    });
    it("arrays and objects nest at most 1,000 levels, the configuration's own object included (issue 13)", async () => {
      const nested = (levels: number) => `{"s": "x", "o": ${"[".repeat(levels - 2)}{}${"]".repeat(levels - 2)}}`;
      const deepest = await agreed(program, exchange, nested(1000));
      expect([header(deepest, "x-s"), deepest.configLogs]).toEqual(["x", [{ level: "warn", message: "plugin configuration: unknown key, ignored: o" }]]);
      for (const levels of [1001, 10_000]) {
        const outcome = await agreed(program, exchange, nested(levels));
        expect([header(outcome, "x-s"), outcome.configLogs]).toEqual(["d", notJson]);
      }
    });
  });

  // compiler/lower/program.ts replaced each UTF-16 code unit, so a character outside the BMP gave two `_`
  // ("filterc_a__b"); language.md says one per character.
  it("a rule name with a character outside the BMP gives one _ for it in response_code_details", async () => {
    const outcome = await agreed('rule "a😀b" on request_headers deny 403', exchangeOf());
    expect(outcome.local?.details).toBe("filterc_a_b");
  });
  // host/ held header values as JavaScript strings, so bytes that are not UTF-8 (here 0xFF, from `%FF`) came back
  // from the map as U+FFFD, three bytes; Envoy keeps header values as bytes (Http::HeaderString). host/ now keeps
  // such a byte as U+DCFF (host/utf8.ts), which it sends back as the byte; the generator's QUERIES have `%FF`.
  it("a header written with a byte that is not UTF-8 reads back as that one byte", async () => {
    const program = 'on request_headers set "x-a" = request.query["q"]\non request_headers when request.header["x-a"] matches "^.$" set "x-one" = "1"';
    const outcome = await agreed(program, exchangeOf({ request: { path: "/?q=%FF" } }));
    expect(values(outcome.upstream, "x-one")).toEqual(["1"]);
    expect(values(outcome.upstream, "x-a")).toEqual(["\udcff"]);
  });

  it("a body past maxBody: a request's 413 goes through on local_reply, a response's passes; both are counted", async () => {
    // Both phases hold their bodies (`deny`, `==`): a phase that only detects streams and has no maxBody (below).
    const program = 'on request_body when request.body contains "x" deny 403\non response_body when response.body == "x" log info "x"\non local_reply set "x-r" = "1"';
    const big = "a".repeat(983_041);
    const denied = await agreed(program, exchangeOf({ request: { method: "POST", body: big } }));
    expect(denied.local).toEqual({ status: 413, body: "Payload Too Large", headers: [["x-r", "1"]], details: "filterc_body_too_large" });
    expect(denied.metrics).toEqual({ "direction=.=request;.;outcome=.=denied;.;filterc.test.body_overflow": 1 });
    const passed = await agreed(program, exchangeOf({ response: { body: `x${big}` } }));
    expect(passed.metrics).toEqual({ "direction=.=response;.;outcome=.=passed;.;filterc.test.body_overflow": 1 });
    expect(passed.logs).toEqual([{ level: "warn", message: "response body 983042 bytes past maxBody: passed unchanged, body rules not applied" }]);
  });

  it("a body past maxBody in a phase that only detects: it streams, so its rules decide over all of it", async () => {
    const program = 'on request_body when request.body ends_with "x" log info "request x"\non response_body when response.body contains "x" and size(response.body) > 983040 log info "response x"';
    const big = "a".repeat(983_041);
    const request = await agreed(program, exchangeOf({ request: { method: "POST", body: `${big}x`, bodySplit: 65_536 } }));
    expect(request.logs).toEqual([{ level: "info", message: "request x" }]);
    expect(request.metrics).toBeUndefined();
    const response = await agreed(program, exchangeOf({ response: { body: `x${big}` } }));
    expect(response.logs).toEqual([{ level: "info", message: "response x" }]);
    expect(response.metrics).toBeUndefined();
  });
});
