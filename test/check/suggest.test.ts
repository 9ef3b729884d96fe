import { describe, expect, it } from "vitest";
import { closestName, didYouMean, editDistance, MAX_SUGGESTED_LENGTH } from "../../grammar/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("response_header", "response_headers")).toBe(1);
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(editDistance("reqeust", "request")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
  });
});

describe("closestName", () => {
  const phases = ["request_headers", "response_headers"];

  it("suggests the nearest candidate within a third of the name's length", () => {
    expect(closestName("response_header", phases)).toBe("response_headers");
    expect(closestName("reqeust_headers", phases)).toBe("request_headers");
  });

  it("measures no name longer than MAX_SUGGESTED_LENGTH, except for case (a 16,000-character pair took 5 s)", () => {
    const long = "n".repeat(16_000);
    expect(closestName(`${long}x`, [`${long}y`])).toBeUndefined();
    expect(closestName(long.toUpperCase(), [long])).toBe(long);
    const limit = "n".repeat(MAX_SUGGESTED_LENGTH - 1);
    expect(closestName(`${limit}x`, [`${limit}y`])).toBe(`${limit}y`);
  });

  it("suggests nothing for a name that is too far from every candidate", () => {
    expect(closestName("foo", ["lower", "exists"])).toBeUndefined();
    expect(closestName("body", phases)).toBeUndefined();
  });

  it("prefers a candidate that differs only in case", () => {
    expect(closestName("Request.Path", ["request.host", "request.path"])).toBe("request.path");
  });

  it("never suggests the name itself", () => {
    expect(closestName("lower", ["lower"])).toBeUndefined();
  });

  it("formats the hint", () => {
    expect(didYouMean("lowr", ["exists", "lower"])).toBe("did you mean `lower`?");
    expect(didYouMean("zzz", ["exists", "lower"])).toBeUndefined();
  });
});
