/**
 * One direction (request or response) of a stream as Envoy's filter manager sees it for a single filter: what the
 * sender has delivered, what the filter has received, what it has let through, where it stopped, and which
 * pointers (map, body) the guest can reach right now.
 */

import { BodyBuffer } from "./body-buffer.js";
import type { HeaderMap } from "./header-map.js";

const EMPTY = new Uint8Array(0);

export class Direction {
  headers: HeaderMap | null = null;
  trailers: HeaderMap | null = null;
  /** Body data passed on (to the upstream, or to the client). */
  readonly forwarded: Uint8Array[] = [];
  hasQueued = false;
  queuedTrailers: HeaderMap | null = null;
  inputEnded = false;
  headersDelivered = false;
  headersForwarded = false;
  headersStopped = false;
  dataStopped = false;
  trailersStopped = false;
  buffering = false;
  ended = false;
  aborted = false;
  /** Deliver to the client without the filter (failure reply, reply made in the response phase). */
  bypass = false;
  bytesIn = 0;
  // Envoy's pointers: what the guest can reach right now.
  headersLive = false;
  trailersLive = false;
  body: BodyBuffer | null = null;

  // Most messages have no body: their buffers are made on first use.
  private heldBuffer: BodyBuffer | undefined;
  private queuedBuffer: BodyBuffer | undefined;

  /** Stopped by the filter at headers, data or trailers. */
  stopped(): boolean {
    return this.headersStopped || this.dataStopped || this.trailersStopped;
  }

  /** Body data the filter has seen and the filter manager holds, not yet passed on. */
  get held(): BodyBuffer {
    return (this.heldBuffer ??= new BodyBuffer());
  }

  /** Input that arrived while delivery was blocked (stop at headers). */
  get queued(): BodyBuffer {
    return (this.queuedBuffer ??= new BodyBuffer());
  }

  forwardedBody(): Uint8Array {
    if (this.forwarded.length === 0) return EMPTY;
    if (this.forwarded.length === 1) return this.forwarded[0]!;
    const size = this.forwarded.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of this.forwarded) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  forwardHeld(): void {
    if (this.held.size > 0) this.forwarded.push(this.held.take());
  }

  forwardedBytes(): number {
    let n = 0;
    for (const chunk of this.forwarded) n += chunk.length;
    return n;
  }
}
