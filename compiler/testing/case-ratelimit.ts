import type { GrpcCallRequest, GrpcClusterSpec, GrpcMethodSpec } from "../../host/index.js";
import { headerList } from "./case-model.js";
import { encodeRateLimitResponse, type RateLimitCode } from "./ratelimit-wire.js";

/**
 * The typed `ratelimit:` answer of a case file (docs/testing.md): how the rate limit service answers the filter's
 * global limits, in its own terms, built on the host's raw gRPC answers (host/grpc-calls.ts).
 */
export type RateLimitCaseAnswer =
  | { readonly kind: "answer"; readonly code: RateLimitCode; readonly responseHeaders: ReadonlyArray<readonly [string, string]>; readonly requestHeaders: ReadonlyArray<readonly [string, string]>; readonly delayMs: number; readonly cluster?: string }
  | { readonly kind: "error"; readonly status: number; readonly cluster?: string }
  | { readonly kind: "no-answer"; readonly cluster?: string };

export const RATE_LIMIT_SERVICE = "envoy.service.ratelimit.v3.RateLimitService";
export const RATE_LIMIT_METHOD = "ShouldRateLimit";

type Data = Record<string, unknown>;

/** The case's `ratelimit` (over the file's); the data passed the schema. */
export function rateLimitAnswerOf(value: unknown): RateLimitCaseAnswer | undefined {
  if (value === undefined) return undefined;
  if (value === "no-answer") return { kind: "no-answer" };
  const data = value as Data;
  const cluster = typeof data.cluster === "string" ? { cluster: data.cluster } : {};
  if (data.noAnswer === true) return { kind: "no-answer", ...cluster };
  if (typeof data.status === "number") return { kind: "error", status: data.status, ...cluster };
  return {
    kind: "answer",
    code: (data.code as RateLimitCode | undefined) ?? "OK",
    responseHeaders: headerList(data.response_headers) ?? [],
    requestHeaders: headerList(data.request_headers) ?? [],
    delayMs: (data.delay_ms as number | undefined) ?? 0,
    ...cluster,
  };
}

/**
 * The gRPC services the answer stands for: ShouldRateLimit on its cluster, or on every cluster the rules call. Each
 * request the filter sends is handed to `seen` first.
 */
export function rateLimitServices(answer: RateLimitCaseAnswer, calledClusters: readonly string[], seen: (request: GrpcCallRequest) => void): Record<string, GrpcClusterSpec> {
  const method: GrpcMethodSpec = (request) => {
    seen(request);
    if (answer.kind === "no-answer") return "no-answer";
    if (answer.kind === "error") return { status: answer.status };
    return { message: encodeRateLimitResponse(answer.code, answer.responseHeaders, answer.requestHeaders), delayMs: answer.delayMs };
  };
  const clusters = answer.cluster !== undefined ? [answer.cluster] : calledClusters;
  return Object.fromEntries(clusters.map((cluster) => [cluster, { [`${RATE_LIMIT_SERVICE}/${RATE_LIMIT_METHOD}`]: method }]));
}
