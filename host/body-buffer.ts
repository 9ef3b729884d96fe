/**
 * A body buffer as the guest sees it through buffer types 0/1: readable by range, writable only with the moves
 * Envoy's Buffer::copyFrom accepts (replace everything, prepend, append).
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
   * proxy_set_buffer_bytes on a live body, Envoy's rules: start 0 and size 0 prepends; start 0 and size covering
   * the whole buffer replaces it; start at or past the end appends; anything else (a middle splice) is refused.
   */
  write(start: number, size: number, data: Uint8Array): number {
    const length = this.bytes.length;
    if (start === 0) {
      if (size === 0) {
        const joined = new Uint8Array(data.length + length);
        joined.set(data);
        joined.set(this.bytes, data.length);
        this.bytes = joined;
        return Status.Ok;
      }
      if (size >= length) {
        this.bytes = data;
        return Status.Ok;
      }
      return Status.BadArgument;
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
