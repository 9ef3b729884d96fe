/** UTF-8 helpers for host-side strings, which are almost always ASCII (header names and values, paths). */

export const utf8 = new TextEncoder();

/** The UTF-8 byte length of a string, counting without encoding when it is ASCII. */
export function utf8Length(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return utf8.encode(text).length;
  return text.length;
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
