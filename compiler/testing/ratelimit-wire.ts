/**
 * The rate limit service's messages on the test side (envoy/service/ratelimit/v3/rls.proto), by hand: `filterc test`
 * answers a global limit's call with a RateLimitResponse it encodes here, and reads back the RateLimitRequest the
 * filter sent. protobufjs is a dev dependency only; the field numbers are those of runtime/ratelimit-messages.ts.
 */

import { fields, headerValue, lengthField, text, varintField } from "./protobuf-wire.js";

export type RateLimitCode = "OK" | "OVER_LIMIT";
const CODES: Readonly<Record<RateLimitCode, number>> = { OK: 1, OVER_LIMIT: 2 };

/** RateLimitResponse{overall_code 1, response_headers_to_add 3, request_headers_to_add 4}. */
export function encodeRateLimitResponse(code: RateLimitCode, responseHeaders: ReadonlyArray<readonly [string, string]>, requestHeaders: ReadonlyArray<readonly [string, string]>): Uint8Array {
  return new Uint8Array([
    ...varintField(1, CODES[code]),
    ...responseHeaders.flatMap(([k, v]) => lengthField(3, headerValue(k, v))),
    ...requestHeaders.flatMap(([k, v]) => lengthField(4, headerValue(k, v))),
  ]);
}

/** What a RateLimitRequest asked: its domain and its descriptors' entries, in order. */
export interface RateLimitRequestSeen {
  readonly domain: string;
  readonly descriptors: ReadonlyArray<ReadonlyArray<readonly [string, string]>>;
  readonly hitsAddend: number;
}

export function decodeRateLimitRequest(bytes: Uint8Array): RateLimitRequestSeen | undefined {
  const top = fields(bytes);
  if (top === undefined) return undefined;
  const descriptors = top
    .filter((f) => f.field === 2 && f.bytes !== undefined)
    .map((d) => (fields(d.bytes!) ?? []).filter((e) => e.field === 1 && e.bytes !== undefined).map((e) => {
      const entry = fields(e.bytes!) ?? [];
      return [text(entry.find((f) => f.field === 1)?.bytes), text(entry.find((f) => f.field === 2)?.bytes)] as const;
    }));
  return { domain: text(top.find((f) => f.field === 1)?.bytes), descriptors, hitsAddend: top.find((f) => f.field === 3)?.value ?? 0 };
}
