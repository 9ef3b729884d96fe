/**
 * The few protobuf wire-format pieces filterc test needs to speak Envoy's service messages by hand (ratelimit-wire.ts,
 * authz-wire.ts): varints, length-delimited fields, and a flat reader of one message's fields. protobufjs is a dev
 * dependency only, so the test runner carries its own.
 */

export function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

/** A varint field (wire type 0). */
export function varintField(field: number, value: number): number[] {
  return [...varint(field << 3), ...varint(value)];
}

/** A length-delimited field (wire type 2): a string, bytes or an embedded message. */
export function lengthField(field: number, payload: readonly number[]): number[] {
  return [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
}

export const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];

/** Envoy's config.core.v3.HeaderValue{key 1, value 2}, which both services' messages carry. */
export function headerValue(key: string, value: string): number[] {
  return [...lengthField(1, utf8(key)), ...lengthField(2, utf8(value))];
}

export const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes ?? new Uint8Array());

export interface WireField {
  readonly field: number;
  readonly bytes?: Uint8Array;
  readonly value?: number;
}

/**
 * The varint, length-delimited and fixed-width fields of a message, by number, in order; undefined when the bytes
 * are not protobuf. Fixed-width fields are skipped over (none of the fields read is fixed-width).
 */
export function fields(bytes: Uint8Array): WireField[] | undefined {
  const out: WireField[] = [];
  let at = 0;
  const read = (): number | undefined => {
    let value = 0;
    // 64-bit varints (int64 sizes) are read to 53 bits: enough for any value a test sends.
    for (let shift = 0; shift < 70 && at < bytes.length; shift += 7) {
      const b = bytes[at++]!;
      if (shift < 53) value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    return undefined;
  };
  while (at < bytes.length) {
    const tag = read();
    if (tag === undefined || tag < 8) return undefined;
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
    } else if (wire === 1 || wire === 5) {
      at += wire === 1 ? 8 : 4;
      if (at > bytes.length) return undefined;
    } else return undefined;
  }
  return out;
}
