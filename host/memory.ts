/**
 * Bounds-checked access to a guest's linear memory. Every accessor reports failure instead of throwing, because
 * an out-of-range pointer is the guest's mistake and Envoy answers it with InvalidMemoryAccess, never a crash.
 * Views are cached and refreshed only when memory.grow has replaced the ArrayBuffer.
 */

const utf8Decoder = new TextDecoder();

export class GuestMemory {
  private buffer: ArrayBuffer;
  private u8: Uint8Array;
  private view: DataView;

  constructor(readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  private fresh(): void {
    if (this.memory.buffer !== this.buffer) {
      this.buffer = this.memory.buffer;
      this.u8 = new Uint8Array(this.buffer);
      this.view = new DataView(this.buffer);
    }
  }

  /** Current size in bytes. */
  get size(): number {
    this.fresh();
    return this.buffer.byteLength;
  }

  /** cpp-host's getMemory check: the whole range must lie inside memory (a zero-length range too). */
  valid(ptr: number, length: number): boolean {
    this.fresh();
    return (ptr >>> 0) + (length >>> 0) <= this.buffer.byteLength;
  }

  /** A view into guest memory; valid only until the guest runs again (it may grow memory). */
  view8(ptr: number, length: number): Uint8Array | undefined {
    ptr >>>= 0;
    length >>>= 0;
    this.fresh();
    if (ptr + length > this.buffer.byteLength) return undefined;
    return this.u8.subarray(ptr, ptr + length);
  }

  /** A copy of guest bytes the host can keep. */
  copy(ptr: number, length: number): Uint8Array | undefined {
    const view = this.view8(ptr, length);
    return view === undefined ? undefined : view.slice();
  }

  string(ptr: number, length: number): string | undefined {
    const view = this.view8(ptr, length);
    return view === undefined ? undefined : utf8Decoder.decode(view);
  }

  u32(ptr: number): number | undefined {
    ptr >>>= 0;
    this.fresh();
    if (ptr + 4 > this.buffer.byteLength) return undefined;
    return this.view.getUint32(ptr, true);
  }

  setU8(ptr: number, value: number): boolean {
    ptr >>>= 0;
    this.fresh();
    if (ptr + 1 > this.buffer.byteLength) return false;
    this.u8[ptr] = value;
    return true;
  }

  setU32(ptr: number, value: number): boolean {
    ptr >>>= 0;
    this.fresh();
    if (ptr + 4 > this.buffer.byteLength) return false;
    this.view.setUint32(ptr, value >>> 0, true);
    return true;
  }

  setU64(ptr: number, value: bigint): boolean {
    ptr >>>= 0;
    this.fresh();
    if (ptr + 8 > this.buffer.byteLength) return false;
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
    return true;
  }

  setBytes(ptr: number, bytes: Uint8Array): boolean {
    ptr >>>= 0;
    this.fresh();
    if (ptr + bytes.length > this.buffer.byteLength) return false;
    this.u8.set(bytes, ptr);
    return true;
  }
}
