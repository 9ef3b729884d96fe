/**
 * A body as it arrives from a socket, chunk by chunk, each handed to the filter with its end-of-stream flag: with a
 * content-length the chunk that completes it carries end of stream (as Envoy's HTTP/1 codec marks it); otherwise
 * (chunked encoding, or read until close) the end arrives as an empty last chunk.
 */

import type { IncomingMessage } from "node:http";

const EMPTY = new Uint8Array(0);

export function feedBody(
  message: IncomingMessage,
  contentLength: number | undefined,
  deliver: (chunk: Uint8Array, endOfStream: boolean) => void,
  /** The exchange is over: later chunks are dropped. */
  closed: () => boolean,
): void {
  let received = 0;
  let ended = false;
  message.on("data", (chunk: Buffer) => {
    if (closed() || ended) return;
    received += chunk.length;
    ended = contentLength !== undefined && received >= contentLength;
    deliver(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length), ended);
  });
  message.on("end", () => {
    if (!closed() && !ended) deliver(EMPTY, true);
    ended = true;
  });
}
