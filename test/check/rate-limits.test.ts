import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { checkText, located } from "./helpers.js";

const codes = (text: string) => {
  const { source, diagnostics } = checkText(text);
  return diagnostics.map((d) => located(source, d));
};

const only = (text: string) => codes(text).map((d) => d.code);
const messages = (text: string) => checkText(text).diagnostics.map((d) => `${d.message} ${d.hint ?? ""}`);

describe("limit N per UNIT", () => {
  it("accepts literals and int params, keys of any scalar, burst and buckets in the request phases", () => {
    expect(
      codes(
        [
          "param rate = 10",
          "param extra = 0",
          "param enabled = true",
          'rule "a" on request_headers when enabled limit rate per second by request.header["x-key"] burst extra buckets 64',
          'rule "b" on request_headers limit 1 per hour by request.port headers off',
          'rule "c" on request_body limit 1000000 per minute burst 1000000',
          'rule "d" shadow on request_headers { limit 5 per minute; set "x-a" = "1" }',
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("refuses a response phase, amounts out of range or not int params, list keys and stray buckets", () => {
    expect(only('on response_headers limit 5 per minute')).toEqual(["E0262"]);
    expect(only('on local_reply limit 5 per minute')).toEqual(["E0242"]);
    expect(only('on request_headers limit 0 per minute')).toEqual(["E0263"]);
    expect(only('on request_headers limit 5 per minute burst 1000001')).toEqual(["E0263"]);
    expect(only('param n = "ten"\non request_headers limit n per minute')).toEqual(["E0263"]);
    expect(only('param n = 0\non request_headers limit n per minute')).toEqual(["E0263"]);
    expect(only('on request_headers { let n = 5; limit n per minute }')).toEqual(["E0263"]);
    expect(only('on request_headers limit 5 per minute by ["a"]')).toEqual(["E0264"]);
    expect(only('on request_headers limit 5 per minute by source.address buckets 0')).toEqual(["E0265"]);
    expect(only('on request_headers limit 5 per minute buckets 16')).toEqual(["E0266"]);
  });

  it("says what is wrong with its syntax", () => {
    const only = (text: string) => parse(new Source("rules.fw", text)).diagnostics.map((d) => d.code);
    const messages = (text: string) => parse(new Source("rules.fw", text)).diagnostics.map((d) => `${d.message} ${d.hint ?? ""}`);
    expect(only("on request_headers limit 5 minute")).toEqual(["E0150"]);
    expect(only("on request_headers limit 5 per minutes")).toEqual(["E0151"]);
    expect(messages("on request_headers limit 5 per minutes")[0]).toContain("did you mean `per minute`?");
    expect(only("on request_headers limit 5 per by source.address")).toEqual(["E0151"]);
    expect(only("on request_headers limit 5 per minute headers of")).toEqual(["E0152"]);
    expect(only('on request_headers limit 5 per minute by request.header["k"] burst')).toEqual(["E0153"]);
    // `limit` stays a param name, and the bound of `count ... by`.
    expect(only('param limit = 3\non request_headers when request.path starts_with any ["/a"] and limit > 2 count "x" by request.method limit 4')).toEqual([]);
  });
});
