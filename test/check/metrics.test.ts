import { describe, expect, it } from "vitest";
import { checkText, located } from "./helpers.js";
import { metricNameProblem } from "../../compiler/check/metrics.js";

const codes = (text: string) => {
  const { source, diagnostics } = checkText(text);
  return diagnostics.map((d) => located(source, d));
};

describe("count and observe", () => {
  it("accepts counters, labelled counters and histograms in every phase", () => {
    expect(
      codes(
        [
          'param count = 2',
          'on request_headers when count > 1 count "requests"',
          'on request_headers count "by_tenant" by request.header["x-tenant"]',
          'on request_headers count "by_method" by request.method only ["GET", "POST"]',
          'on response_headers count "by_status" by response.status limit 256',
          'on response_headers observe "status" response.status',
          'on local_reply count "replies"',
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("checks metric names (E0417)", () => {
    expect(metricNameProblem("auth.denied")).toBeUndefined();
    expect(metricNameProblem("_x.y_2")).toBeUndefined();
    for (const bad of ["", "a b", "a..b", ".a", "a.", "1a", "a-b", "rule_fired", "body_overflow", "rate_limited", "rate_limit_collisions", "x".repeat(101), "é"]) expect(metricNameProblem(bad), bad).toBeDefined();
    expect(codes('on request_headers count "a-b"')).toEqual([{ code: "E0417", line: 1, column: 26 }]);
    expect(codes('on request_headers observe "" 1')).toEqual([{ code: "E0417", line: 1, column: 28 }]);
  });

  it("records ints only (E0418)", () => {
    expect(codes('on request_headers observe "x" request.path')).toEqual([{ code: "E0418", line: 1, column: 32 }]);
    expect(codes('on request_headers observe "x" true')).toEqual([{ code: "E0418", line: 1, column: 32 }]);
    expect(codes('on request_headers observe "x" size(request.path) * 2')).toEqual([]);
  });

  it("checks only lists and limits (E0419)", () => {
    expect(codes('on request_headers count "x" by request.method only []')).toEqual([{ code: "E0419", line: 1, column: 53 }]);
    expect(codes('on request_headers count "x" by request.method only ["GET", "GET"]')).toEqual([{ code: "E0419", line: 1, column: 61 }]);
    expect(codes('on request_headers count "x" by request.method only ["other"]')).toEqual([{ code: "E0419", line: 1, column: 54 }]);
    expect(codes('on request_headers count "x" by request.method only ["a.b"]')).toEqual([{ code: "E0419", line: 1, column: 54 }]);
    expect(codes(`on request_headers count "x" by request.method only ["${"a".repeat(65)}"]`)).toEqual([{ code: "E0419", line: 1, column: 54 }]);
    expect(codes('param m = "GET"\non request_headers count "x" by request.method only [m]')).toEqual([{ code: "E0419", line: 2, column: 54 }]);
    expect(codes('on request_headers count "x" by request.method limit 0')).toEqual([{ code: "E0419", line: 1, column: 54 }]);
    expect(codes('on request_headers count "x" by request.method limit 257')).toEqual([{ code: "E0419", line: 1, column: 54 }]);
  });

  it("counts by one value, not a list (E0280)", () => {
    expect(codes('param l = ["a"]\non request_headers count "x" by l')).toEqual([{ code: "E0280", line: 2, column: 33 }]);
    expect(codes('on request_headers count "x" by ["a"]')).toEqual([{ code: "E0280", line: 1, column: 33 }]);
  });

  it("gives one name one meaning (E0281), pointing at the first use", () => {
    const { source, diagnostics } = checkText('on request_headers count "x"\non response_headers observe "x" 1\non response_headers count "x" by response.status');
    expect(diagnostics.map((d) => located(source, d))).toEqual([
      { code: "E0281", line: 2, column: 29 },
      { code: "E0281", line: 3, column: 27 },
    ]);
    expect(diagnostics[0]!.related?.map((r) => source.position(r.span.start).line)).toEqual([1]);
    expect(codes('on request_headers count "x" by request.method limit 16\non response_headers count "x" by response.status')).toEqual([]);
    expect(codes('on request_headers count "x" by request.method only ["a"]\non response_headers count "x" by response.status only ["b"]')).toEqual([{ code: "E0281", line: 2, column: 27 }]);
  });
});
