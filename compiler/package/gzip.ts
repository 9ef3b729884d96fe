import { constants, gzipSync } from "node:zlib";

/** Byte 9 of the gzip header (RFC 1952 2.3.1): 255 is "unknown", what Go's compress/gzip writes too. */
const OS_UNKNOWN = 255;

/**
 * gzip with a header that says nothing about where or when it was made: no file name, MTIME 0 and a fixed OS byte.
 * node:zlib already omits the name and writes MTIME 0; it sets the OS byte from the platform it was built for, so
 * the same layer would get another digest on another system. The level is fixed as well (XFL follows it).
 * The deflate stream itself is zlib's: the same zlib gives the same bytes.
 */
export function reproducibleGzip(data: Uint8Array): Uint8Array {
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  gz[9] = OS_UNKNOWN;
  return gz;
}
