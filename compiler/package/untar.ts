import type { TarEntry } from "./tar.js";
import { BLOCK, FIELDS, MAGIC, paddedSize, REGULAR_FILE } from "./ustar.js";

/**
 * The regular files of a ustar archive (what tar.ts writes, and what `docker save` / `skopeo copy oci-archive:` and
 * Istio's fetcher read; the layout is in ustar.ts): a header, the data, padded to 512 bytes; a zero block
 * ends it. Directories and links are skipped, not followed. Returns undefined when the bytes are not a tar archive,
 * so that the caller can say so instead of reading garbage.
 */
export function readTarArchive(bytes: Uint8Array): TarEntry[] | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= buffer.length) {
    const header = buffer.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    const name = field(header, FIELDS.name);
    // Archives older than ustar have no prefix field.
    const prefix = header.toString("latin1", FIELDS.magic[0], FIELDS.magic[0] + MAGIC.length) === MAGIC ? field(header, FIELDS.prefix) : "";
    const size = parseInt(field(header, FIELDS.size).trim() || "0", 8);
    if (name === "" || Number.isNaN(size) || offset + BLOCK + size > buffer.length) return undefined;
    const type = String.fromCharCode(header[FIELDS.typeflag[0]]!);
    if (REGULAR_FILE.includes(type)) entries.push({ name: prefix === "" ? name : `${prefix}/${name}`, content: new Uint8Array(buffer.subarray(offset + BLOCK, offset + BLOCK + size)) });
    offset += BLOCK + paddedSize(size);
  }
  // An archive without its end-of-archive blocks is still read (GNU tar accepts one), but an empty one is no archive.
  return entries.length > 0 ? entries : undefined;
}

function field(header: Buffer, [offset, width]: readonly [number, number]): string {
  const raw = header.subarray(offset, offset + width);
  const end = raw.indexOf(0);
  return raw.toString("utf8", 0, end === -1 ? width : end);
}
