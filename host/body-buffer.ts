/**
 * A body buffer as the guest sees it through buffer types 0/1: readable by range, writable only with the moves
 * Envoy's Buffer::copyFrom accepts (drain a prefix and prepend, append).
 */

import { Status } from "./abi.js";

const EMPTY = new Uint8Array(0);

export class BodyBuffer {
  bytes: Uint8Array;

  constructor(bytes: Uint8Array = EMPTY) {
    this.bytes = bytes;
  }

  get size(): number {
    return this.bytes.length;
  }

  append(data: Uint8Array): void {
    if (data.length === 0) return;
    if (this.bytes.length === 0) {
      this.bytes = data;
      return;
    }
    const joined = new Uint8Array(this.bytes.length + data.length);
    joined.set(this.bytes);
    joined.set(data, this.bytes.length);
    this.bytes = joined;
  }

  /**
   * proxy_set_buffer_bytes on a live body, as Envoy's Buffer::copyFrom (source/extensions/common/wasm/context.cc):
   * start 0 drains `size` bytes from the front (all of them if `size` covers the body) and prepends the data, so
   * (0, 0) prepends, (0, 1) replaces the first byte and (0, length) replaces everything; a start at or past the end
   * appends; any other start (a splice in the middle) is BadArgument.
   */
  write(start: number, size: number, data: Uint8Array): number {
    const length = this.bytes.length;
    if (start === 0) {
      const kept = this.bytes.subarray(Math.min(size, length));
      const joined = new Uint8Array(data.length + kept.length);
      joined.set(data);
      joined.set(kept, data.length);
      this.bytes = joined;
      return Status.Ok;
    }
    if (start >= length) {
      this.append(data);
      return Status.Ok;
    }
    return Status.BadArgument;
  }

  take(): Uint8Array {
    const bytes = this.bytes;
    this.bytes = EMPTY;
    return bytes;
  }
}
