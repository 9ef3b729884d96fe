// filterc test's own RateLimitResponse encoder and RateLimitRequest decoder (compiler/testing/ratelimit-wire.ts),
// against protobufjs with Envoy's .proto files.
import { describe, expect, it } from "vitest";
import { decodeRateLimitRequest, encodeRateLimitResponse } from "../../compiler/testing/ratelimit-wire.js";
import { decodeEnvoy, encodeEnvoy } from "../support/envoy-protos.js";

describe("ratelimit-wire", () => {
  it("encodes a RateLimitResponse as protobuf decodes it", () => {
    const bytes = encodeRateLimitResponse("OVER_LIMIT", [["x-ratelimit-limit", "1000"], ["retry-after", "7"]], [["x-quota", "é".repeat(70)]]);
    expect(decodeEnvoy("envoy.service.ratelimit.v3.RateLimitResponse", bytes)).toEqual({
      overall_code: "OVER_LIMIT",
      response_headers_to_add: [{ key: "x-ratelimit-limit", value: "1000" }, { key: "retry-after", value: "7" }],
      request_headers_to_add: [{ key: "x-quota", value: "é".repeat(70) }],
    });
  });

  it("decodes the RateLimitRequest protobuf encodes, long values included", () => {
    const value = { domain: "shop", descriptors: [{ entries: [{ key: "rule", value: "tenants" }, { key: "by", value: "x".repeat(300) }] }], hits_addend: 1 };
    expect(decodeRateLimitRequest(encodeEnvoy("envoy.service.ratelimit.v3.RateLimitRequest", value))).toEqual({
      domain: "shop",
      descriptors: [[["rule", "tenants"], ["by", "x".repeat(300)]]],
      hitsAddend: 1,
    });
    expect(decodeRateLimitRequest(new Uint8Array([0x0a, 0x09, 0x61]))).toBeUndefined();
  });
});
