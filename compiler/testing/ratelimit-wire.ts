/**
 * The rate limit service's messages on the test side (envoy/service/ratelimit/v3/rls.proto), by hand: `filterc test`
 * answers a global limit's call with a RateLimitResponse it encodes here, and reads back the RateLimitRequest the
 * filter sent. protobufjs is a dev dependency only; the field numbers are those of runtime/ratelimit-messages.ts.
 */

export type RateLimitCode = "OK" | "OVER_LIMIT";
const CODES: Readonly<Record<RateLimitCode, number>> = { OK: 1, OVER_LIMIT: 2 };

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

function lengthField(field: number, payload: readonly number[]): number[] {
  return [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
}

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];

/** A config.core.v3.HeaderValue{key 1, value 2}. */
function headerValue(key: string, value: string): number[] {
  return [...lengthField(1, utf8(key)), ...lengthField(2, utf8(value))];
}

/** RateLimitResponse{overall_code 1, response_headers_to_add 3, request_headers_to_add 4}. */
export function encodeRateLimitResponse(code: RateLimitCode, responseHeaders: ReadonlyArray<readonly [string, string]>, requestHeaders: ReadonlyArray<readonly [string, string]>): Uint8Array {
  return new Uint8Array([
    ...varint(1 << 3),
    ...varint(CODES[code]),
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

/** The length-delimited and varint fields of a message, by number; undefined when the bytes are not protobuf. */
function fields(bytes: Uint8Array): Array<{ field: number; bytes?: Uint8Array; value?: number }> | undefined {
  const out: Array<{ field: number; bytes?: Uint8Array; value?: number }> = [];
  let at = 0;
  const read = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 35 && at < bytes.length; shift += 7) {
      const b = bytes[at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return undefined;
  };
  while (at < bytes.length) {
    const tag = read();
    if (tag === undefined) return undefined;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      const value = read();
      if (value === undefined) return undefined;
      out.push({ field, value });
    } else if (wire === 2) {
      const length = read();
      if (length === undefined || at + length > bytes.length) return undefined;
      out.push({ field, bytes: bytes.subarray(at, at + length) });
      at += length;
    } else return undefined;
  }
  return out;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

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
