/**
 * Bounds-checked access to a guest's linear memory. Every accessor reports failure instead of throwing, because
 * an out-of-range pointer is the guest's mistake and Envoy answers it with InvalidMemoryAccess, never a crash.
 * Views are cached and refreshed only when memory.grow has replaced the ArrayBuffer. Host calls run per request,
 * so the common cases (short ASCII keys and values) neither allocate typed arrays nor call TextEncoder/Decoder.
 */

import { parsePairs, writePairs, type HeaderList, type TextReader } from "./pairs.js";
import { decodeBytes, utf8 } from "./utf8.js";

const EMPTY = new Uint8Array(0);

/** Strings up to this length are interned: guests ask for the same header names and paths on every request. */
const INTERN_MAX_LENGTH = 64;
/** Intern slots (a power of two): one string per slot, chosen by a hash of its bytes; the latest wins. */
const INTERN_SLOT_BITS = 10;
const INTERN_SLOTS = 1 << INTERN_SLOT_BITS;
/** Up to this many bytes, a byte loop beats a native copy or encode through a fresh subarray view. */
const SMALL_COPY = 64;

export class GuestMemory {
  private buffer: ArrayBuffer;
  private u8: Uint8Array;
  private view: DataView;
  /** A shared memory's buffer is never detached by growing, so only the buffer getter can tell it grew. */
  private readonly shared: boolean;
  /**
   * Short ASCII strings read from the guest, in slots by a hash of their bytes: the string, its bytes (compared
   * against guest memory byte for byte, cheaper than against the string) and, once asked for, its lower case.
   * Plain arrays indexed by slot: a Map lookup per host call cost more than the rest of the read.
   */
  private readonly internText: Array<string | undefined> = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);
  private readonly internLower: Array<string | undefined> = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);
  private readonly internBytes = new Uint8Array(INTERN_SLOTS * INTERN_MAX_LENGTH);
  private readonly internView = new DataView(this.internBytes.buffer);
  /** string() and lowerString() of a range already checked, for parsePairs (made once, not per call). */
  private readonly readText: TextReader = (at, length) => this.text(at, length, false)!;
  private readonly readLowerText: TextReader = (at, length) => this.text(at, length, true)!;

  constructor(readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.shared = typeof SharedArrayBuffer !== "undefined" && this.buffer instanceof SharedArrayBuffer;
  }

  /**
   * The current size in bytes, after refreshing the views if memory.grow replaced the buffer. Growing detaches
   * the old buffer, whose views then read as empty: only then is the buffer getter (a native call, too slow for
   * every access) needed.
   */
  private fresh(): number {
    if (this.u8.length === 0 || this.shared) {
      const buffer = this.memory.buffer as ArrayBuffer;
      if (buffer !== this.buffer) {
        this.buffer = buffer;
        this.u8 = new Uint8Array(buffer);
        this.view = new DataView(buffer);
      }
    }
    return this.u8.length;
  }

  /** Current size in bytes. */
  get size(): number {
    return this.fresh();
  }

  /** cpp-host's getMemory check: the whole range must lie inside memory (a zero-length range too). */
  valid(ptr: number, length: number): boolean {
    return (ptr >>> 0) + (length >>> 0) <= this.fresh();
  }

  /** A view into guest memory; valid only until the guest runs again (it may grow memory). */
  view8(ptr: number, length: number): Uint8Array | undefined {
    ptr >>>= 0;
    length >>>= 0;
    if (ptr + length > this.fresh()) return undefined;
    return length === 0 ? EMPTY : this.u8.subarray(ptr, ptr + length);
  }

  /** A copy of guest bytes the host can keep (never written to by the host: empty copies share one array). */
  copy(ptr: number, length: number): Uint8Array | undefined {
    ptr >>>= 0;
    length >>>= 0;
    if (ptr + length > this.fresh()) return undefined;
    if (length === 0) return EMPTY;
    if (length > SMALL_COPY) return this.u8.slice(ptr, ptr + length);
    const out = new Uint8Array(length);
    const u8 = this.u8;
    for (let i = 0; i < length; i++) out[i] = u8[ptr + i]!;
    return out;
  }

  /** Guest bytes decoded as UTF-8, bytes that are not UTF-8 kept as U+DC80-U+DCFF (see utf8.ts). */
  string(ptr: number, length: number): string | undefined {
    return this.text(ptr, length, false);
  }

  /**
   * string(), lower-cased (how header maps look keys up). Interned strings keep their lower case, so the common
   * case neither scans nor allocates (toLowerCase copies even a lower-case string).
   */
  lowerString(ptr: number, length: number): string | undefined {
    return this.text(ptr, length, true);
  }

  private text(ptr: number, length: number, lower: boolean): string | undefined {
    ptr >>>= 0;
    length >>>= 0;
    if (ptr + length > this.fresh()) return undefined;
    if (length === 0) return "";
    if (length <= INTERN_MAX_LENGTH) {
      const slot = this.internSlot(ptr, length);
      if (slot >= 0) return lower ? (this.internLower[slot] ??= this.internText[slot]!.toLowerCase()) : this.internText[slot];
    }
    const decoded = decodeBytes(this.u8.subarray(ptr, ptr + length));
    return lower ? decoded.toLowerCase() : decoded;
  }

  /**
   * The intern slot holding these short ASCII bytes (interning them first), or -1 for non-ASCII bytes. Hash and
   * comparison read 4 bytes at a time through DataViews (unaligned reads are fine): a byte loop cost ~65 ns for
   * a 25-byte header name, most of a host call's string handling.
   */
  private internSlot(ptr: number, length: number): number {
    const view = this.view;
    // A hash of four words spread over the string (shorter strings: each byte); the full comparison decides.
    let hash = length;
    if (length >= 4) {
      const third = ((length - 4) / 3) | 0;
      hash = Math.imul(hash ^ view.getInt32(ptr, true), 0x01000193);
      hash = Math.imul(hash ^ view.getInt32(ptr + third, true), 0x01000193);
      hash = Math.imul(hash ^ view.getInt32(ptr + 2 * third, true), 0x01000193);
      hash ^= view.getInt32(ptr + length - 4, true);
    } else {
      const u8 = this.u8;
      for (let i = ptr; i < ptr + length; i++) hash = Math.imul(hash ^ u8[i]!, 0x01000193);
    }
    // Fibonacci hashing: the top bits of the product depend on every bit of the hash.
    const slot = Math.imul(hash, 0x9e3779b1) >>> (32 - INTERN_SLOT_BITS);
    const known = this.internText[slot];
    const at = slot * INTERN_MAX_LENGTH;
    // Equal to a known ASCII string means ASCII.
    if (known !== undefined && known.length === length && this.sameBytes(ptr, at, length)) return slot;
    const u8 = this.u8;
    for (let i = ptr; i < ptr + length; i++) if (u8[i]! > 0x7f) return -1;
    this.internText[slot] = decodeBytes(u8.subarray(ptr, ptr + length));
    this.internLower[slot] = undefined;
    this.internBytes.set(u8.subarray(ptr, ptr + length), at);
    return slot;
  }

  /** Whether guest bytes [ptr, ptr + length) equal intern bytes [at, at + length). */
  private sameBytes(ptr: number, at: number, length: number): boolean {
    const view = this.view;
    const interned = this.internView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (view.getInt32(ptr + i, true) !== interned.getInt32(at + i, true)) return false;
    // The last 1-3 bytes as one (overlapping) word: the string is at least 4 bytes, or compared byte by byte.
    if (i === length) return true;
    if (length >= 4) return view.getInt32(ptr + length - 4, true) === interned.getInt32(at + length - 4, true);
    const u8 = this.u8;
    const bytes = this.internBytes;
    for (; i < length; i++) if (bytes[at + i] !== u8[ptr + i]) return false;
    return true;
  }

  /**
   * Header pairs in the wire format at [ptr, ptr + length), decoded (keys lower-cased if asked): an empty list
   * when malformed (see parsePairs), undefined when the range is outside memory.
   */
  pairs(ptr: number, length: number, lowerKeys: boolean): HeaderList | undefined {
    ptr >>>= 0;
    length >>>= 0;
    if (ptr + length > this.fresh()) return undefined;
    return parsePairs(this.u8, ptr, ptr + length, this.readText, lowerKeys ? this.readLowerText : this.readText);
  }

  /** Writes pairs in the wire format at ptr; byteLength is pairsByteLength(pairs). False when that does not fit. */
  setPairs(ptr: number, pairs: HeaderList, byteLength: number): boolean {
    ptr >>>= 0;
    if (ptr + byteLength > this.fresh()) return false;
    writePairs(this.u8, ptr, pairs);
    return true;
  }

  /** Writes text as UTF-8 at ptr; byteLength is utf8Length(text). False when that does not fit in memory. */
  setString(ptr: number, text: string, byteLength: number): boolean {
    ptr >>>= 0;
    if (ptr + byteLength > this.fresh()) return false;
    // As many bytes as UTF-16 units means ASCII.
    if (byteLength !== text.length || byteLength > SMALL_COPY) {
      utf8.encodeInto(text, this.u8.subarray(ptr, ptr + byteLength));
      return true;
    }
    const u8 = this.u8;
    for (let i = 0; i < byteLength; i++) u8[ptr + i] = text.charCodeAt(i);
    return true;
  }

  u32(ptr: number): number | undefined {
    ptr >>>= 0;
    if (ptr + 4 > this.fresh()) return undefined;
    return this.view.getUint32(ptr, true);
  }

  setU8(ptr: number, value: number): boolean {
    ptr >>>= 0;
    if (ptr + 1 > this.fresh()) return false;
    this.u8[ptr] = value;
    return true;
  }

  setU32(ptr: number, value: number): boolean {
    ptr >>>= 0;
    if (ptr + 4 > this.fresh()) return false;
    this.view.setUint32(ptr, value >>> 0, true);
    return true;
  }

  /**
   * The two out-parameters of a returned buffer: the pointer, then the size (each written only if it fits, like
   * two setU32 calls), with one check of memory's size for both.
   */
  setPointerAndSize(ptrPtr: number, ptr: number, sizePtr: number, size: number): boolean {
    ptrPtr >>>= 0;
    sizePtr >>>= 0;
    const end = this.fresh();
    if (ptrPtr + 4 > end) return false;
    const view = this.view;
    view.setUint32(ptrPtr, ptr >>> 0, true);
    if (sizePtr + 4 > end) return false;
    view.setUint32(sizePtr, size >>> 0, true);
    return true;
  }

  setU64(ptr: number, value: bigint): boolean {
    ptr >>>= 0;
    if (ptr + 8 > this.fresh()) return false;
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
    return true;
  }

  setBytes(ptr: number, bytes: Uint8Array): boolean {
    ptr >>>= 0;
    const length = bytes.length;
    if (ptr + length > this.fresh()) return false;
    if (length > SMALL_COPY) {
      this.u8.set(bytes, ptr);
      return true;
    }
    const u8 = this.u8;
    for (let i = 0; i < length; i++) u8[ptr + i] = bytes[i]!;
    return true;
  }
}
