/**
 * String functions work on bytes (docs/language.md, "Functions"), lint folds constants held as JavaScript strings:
 * these convert between the two. A result that is not valid UTF-8 (a cut inside a character) has no JavaScript
 * string, so folding gives up on it.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Where `needle` first occurs in `bytes` at or after `from`, or -1; an empty needle is never found. */
export function bytesIndexOf(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return -1;
  for (let i = from; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  }
  return -1;
}

/** Where `needle` last occurs in `bytes`, or -1; an empty needle is never found. */
export function bytesLastIndexOf(bytes: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return -1;
  for (let i = bytes.length - needle.length; i >= 0; i--) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  }
  return -1;
}
