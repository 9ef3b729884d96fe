/** UTF-8 helpers for host-side strings, which are almost always ASCII (header names and values, paths). */

export const utf8 = new TextEncoder();

/** The UTF-8 byte length of a string, counting without encoding when it is ASCII. */
export function utf8Length(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return utf8.encode(text).length;
  return text.length;
}
