// A request whose body arrives in pieces, as a proxy delivers one: the body-scan section of the benchmark
// (body-scan.ts) and the body memory guard (test/guards/body-memory.e2e.test.ts) drive streams this way, since
// runStream hands the whole body over in one call.

import type { ProxyWasmHost, StreamResult, StreamSpec } from "../host/index.js";

/**
 * 16 KiB: an HTTP/2 DATA frame at the default SETTINGS_MAX_FRAME_SIZE (RFC 9113 6.5.2), and the most one read of
 * a plain-text HTTP/1 connection usually hands Envoy's codec, so the chunks decodeData sees are at most this big.
 */
export const CHUNK_BYTES = 16 * 1024;

const utf8 = new TextEncoder();

/**
 * One request/response cycle: the spec's request headers, its request body in `chunkBytes` pieces (the last one
 * ends the stream), then the spec's upstream answer, and the stream's end. A bodiless request ends at its headers.
 */
export function runChunkedRequest(host: ProxyWasmHost, spec: StreamSpec, chunkBytes = CHUNK_BYTES): StreamResult {
  const given = spec.request?.body;
  const body = given === undefined ? new Uint8Array(0) : typeof given === "string" ? utf8.encode(given) : given;
  const stream = host.openStream(spec, true);
  stream.requestHeaders(undefined, body.length === 0);
  for (let at = 0; at < body.length; at += chunkBytes) {
    stream.requestBody(body.subarray(at, at + chunkBytes), at + chunkBytes >= body.length);
  }
  return stream.close();
}
