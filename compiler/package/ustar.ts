/**
 * The POSIX.1-1988 ustar layout (pax's "ustar" interchange format), as tar.ts writes it and untar.ts reads it:
 * a 512-byte header per file, the data padded to whole blocks, then two zero blocks.
 */

export const BLOCK = 512;

/** The header fields tar.ts and untar.ts use: [offset, width] in bytes. Numbers are octal text. */
export const FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  typeflag: [156, 1],
  magic: [257, 6],
  version: [263, 2],
  /** A ustar archive may split a long name: prefix, then `/`, then name. */
  prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

/** What the magic field starts with: then a NUL in POSIX ustar, a space in GNU tar's headers; both have a prefix field. */
export const MAGIC = "ustar";

/** Typeflags of a regular file: "0", and NUL from archives older than ustar. */
export const REGULAR_FILE = ["0", "\0"];

/** The bytes `size` bytes of data take in the archive: whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
