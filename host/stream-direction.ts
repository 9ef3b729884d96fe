/**
 * One direction (request or response) of a stream as Envoy's filter manager sees it for a single filter: what the
 * sender has delivered, what the filter has received, what it has let through, where it stopped, and which
 * pointers (map, body) the guest can reach right now.
 */

import { BodyBuffer } from "./body-buffer.js";
import type { HeaderMap } from "./header-map.js";
import type { HeaderList } from "./pairs.js";

/** A direction's output passed on since the last look (Direction.take). */
export interface ForwardedOutput {
  headers: HeaderList | undefined;
  chunks: Uint8Array[];
  ended: boolean;
}

const EMPTY = new Uint8Array(0);

export class Direction {
  headers: HeaderMap | null = null;
  trailers: HeaderMap | null = null;
  hasQueued = false;
  queuedTrailers: HeaderMap | null = null;
  inputEnded = false;
  headersDelivered = false;
  headersForwarded = false;
  headersStopped = false;
  /** The headers stopped with StopIteration (allow_on_headers_stop_iteration): body and trailers still flow. */
  headersOnlyStopped = false;
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
  /** Body data passed on (to the upstream, or to the client). */
  private forwarded: Uint8Array[] | undefined;
  /** How much of the passed-on output take() has handed out already. */
  private headersTaken = false;
  private chunksTaken = 0;

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

  /** Passes a chunk on. */
  forward(chunk: Uint8Array): void {
    (this.forwarded ??= []).push(chunk);
  }

  forwardedBody(): Uint8Array {
    const forwarded = this.forwarded;
    if (forwarded === undefined || forwarded.length === 0) return EMPTY;
    if (forwarded.length === 1) return forwarded[0]!;
    const out = new Uint8Array(this.forwardedBytes());
    let at = 0;
    for (const chunk of forwarded) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  forwardHeld(): void {
    const held = this.heldBuffer;
    if (held !== undefined && held.size > 0) this.forward(held.take());
  }

  /**
   * What was passed on since the last take(): the headers once they go (with their pseudo-headers), new body
   * chunks, and whether this direction is complete. A live proxy forwards these as they appear.
   */
  take(): ForwardedOutput {
    let headers: HeaderList | undefined;
    if (this.headersForwarded && !this.headersTaken && this.headers !== null) {
      this.headersTaken = true;
      headers = this.headers.toList();
    }
    const all = this.forwarded ?? [];
    const chunks = this.headersTaken ? all.slice(this.chunksTaken) : [];
    this.chunksTaken += chunks.length;
    return { headers, chunks, ended: this.ended && this.headersTaken };
  }

  forwardedBytes(): number {
    let n = 0;
    if (this.forwarded !== undefined) for (const chunk of this.forwarded) n += chunk.length;
    return n;
  }
}
