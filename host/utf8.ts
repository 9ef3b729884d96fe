/**
 * UTF-8 helpers for host-side strings, which are almost always ASCII (header names and values, paths).
 *
 * Envoy's header values are bytes (Http::HeaderString holds any bytes but NUL, CR and LF; proxy-wasm hands them over
 * as they are), while host/ keeps them as JavaScript strings. So that bytes that are not UTF-8 survive a round trip
 * through a string, they are decoded as Python's "surrogateescape" does: each byte 0x80-0xFF that is not part of a
 * UTF-8 character becomes the lone surrogate U+DC80-U+DCFF, which encodes back to that byte. Every other lone
 * surrogate still encodes as U+FFFD (EF BF BD), as TextEncoder writes it. ASCII and valid UTF-8 take the fast paths
 * they took before; only text holding an escaped byte is encoded by hand.
 */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Encodes text to the bytes it stands for (see above), into `out` (of its encodedLength) or a new array. */
export const utf8 = {
  encode(text: string): Uint8Array {
    return hasEscapedByte(text) ? encodeEscaped(text) : encoder.encode(text);
  },
  encodeInto(text: string, out: Uint8Array): void {
    if (hasEscapedByte(text)) out.set(encodeEscaped(text));
    else encoder.encodeInto(text, out);
  },
};

/** Bytes as text: UTF-8, with each byte that is not part of a UTF-8 character as U+DC80-U+DCFF. */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return decodeEscaped(bytes);
  }
}

/** The UTF-8 byte length of a string, counting without encoding when it is ASCII. */
export function utf8Length(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return utf8.encode(text).length;
  return text.length;
}

/** Whether text holds a lone surrogate U+DC80-U+DCFF: a byte decodeBytes escaped. */
function hasEscapedByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) return true;
  }
  return false;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function encodeEscaped(text: string): Uint8Array {
  const parts: number[] = [];
  for (const char of text) {
    const c = char.charCodeAt(0);
    if (char.length === 1 && c >= 0xdc80 && c <= 0xdcff) parts.push(c & 0xff);
    else for (const byte of encoder.encode(char)) parts.push(byte);
  }
  return Uint8Array.from(parts);
}

/** The length of the UTF-8 character at `at` (RFC 3629: no overlong forms, surrogates or values past U+10FFFF), or 0. */
function characterLength(bytes: Uint8Array, at: number): number {
  const b = bytes[at]!;
  if (b < 0x80) return 1;
  const [length, low, high] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let i = 2; i < length; i++) if ((bytes[at + i]! & 0xc0) !== 0x80) return 0;
  return length;
}

function decodeEscaped(bytes: Uint8Array): string {
  let text = "";
  for (let at = 0; at < bytes.length; ) {
    const length = characterLength(bytes, at);
    if (length === 0) {
      text += String.fromCharCode(0xdc00 | bytes[at]!);
      at++;
    } else {
      text += strictDecoder.decode(bytes.subarray(at, at + length));
      at += length;
    }
  }
  return text;
}

/** Strings up to this many UTF-16 units have their UTF-8 bytes remembered by shortUtf8. */
const REMEMBERED_MAX_LENGTH = 64;
/** The table is dropped when it reaches this many strings, so varied values cannot grow it. */
const REMEMBERED_MAX_ENTRIES = 2048;
const remembered = new Map<string, Uint8Array>();

/**
 * The UTF-8 bytes of a short string (undefined for a longer one), remembered: host calls hand the guest the same
 * header values and properties on every request, and a Map hit costs less than scanning and encoding the string
 * again. The bytes are shared: never to be written to.
 */
export function shortUtf8(text: string): Uint8Array | undefined {
  if (text.length > REMEMBERED_MAX_LENGTH) return undefined;
  let bytes = remembered.get(text);
  if (bytes === undefined) {
    if (remembered.size >= REMEMBERED_MAX_ENTRIES) remembered.clear();
    bytes = utf8.encode(text);
    remembered.set(text, bytes);
  }
  return bytes;
}
