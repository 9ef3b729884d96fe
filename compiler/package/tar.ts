/**
 * A reproducible ustar archive of regular files, written by hand so that nothing about the machine that built it
 * (clock, user, umask, directory order) reaches the bytes: every entry has mode 0644, uid and gid 0, no owner names,
 * mtime 0, and entries are sorted by name. The layout is in ustar.ts.
 */

import { BLOCK, FIELDS, MAGIC, paddedSize } from "./ustar.js";

export interface TarEntry {
  /** A relative path of at most 100 bytes (no prefix field is used). */
  readonly name: string;
  readonly content: Uint8Array;
}

/** The largest size the 11 octal digits of the size field can hold (8 GiB - 1). */
const MAX_SIZE = 0o77777777777;

export function tarArchive(entries: readonly TarEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Uint8Array[] = [];
  for (const entry of sorted) {
    parts.push(header(entry));
    parts.push(entry.content);
    const padding = paddedSize(entry.content.length) - entry.content.length;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(parts);
}

function header(entry: TarEntry): Uint8Array {
  const name = Buffer.from(entry.name, "utf8");
  if (name.length === 0 || name.length > FIELDS.name[1]) throw new RangeError(`tar entry name must be 1 to 100 bytes: ${entry.name}`);
  if (entry.content.length > MAX_SIZE) throw new RangeError(`tar entry too large: ${entry.name}`);
  const block = Buffer.alloc(BLOCK);
  name.copy(block, FIELDS.name[0]);
  octal(block, FIELDS.mode, 0o644);
  octal(block, FIELDS.uid, 0);
  octal(block, FIELDS.gid, 0);
  octal(block, FIELDS.size, entry.content.length);
  octal(block, FIELDS.mtime, 0);
  block.write("0", FIELDS.typeflag[0], "latin1");
  block.write(`${MAGIC}\0`, FIELDS.magic[0], "latin1");
  block.write("00", FIELDS.version[0], "latin1");
  // The checksum is summed with its own field read as eight spaces, then written as six digits, NUL, space.
  block.fill(0x20, FIELDS.checksum[0], FIELDS.checksum[0] + FIELDS.checksum[1]);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", FIELDS.checksum[0], "latin1");
  return block;
}

/** A number as zero-padded octal digits filling the field but its last byte, which is NUL. */
function octal(block: Buffer, [offset, width]: readonly [number, number], value: number): void {
  block.write(value.toString(8).padStart(width - 1, "0") + "\0", offset, "latin1");
}
