/**
 * `random()` and `uuid()` (docs/language.md, "random() and uuid()"), written from the doc: the filter asks the
 * proxy for 256 bytes at a time (WASI `random_get`) and takes each value from them in order; a value that needs more
 * bytes than are left asks for a fresh 256 and takes its bytes from their start. `random()` is four bytes read as a
 * little-endian unsigned int; `uuid()` is sixteen bytes with the version (4) and variant (10) bits set, as
 * lower-case hex in the 8-4-4-4-12 form of RFC 9562.
 *
 * The bytes come from a `ProxyRandom`, the proxy's side. Given the generator host/ runs, the interpreter's values
 * are the compiled filter's, value for value, so the differential test compares them exactly: the order of
 * evaluation, which evaluations happen (short-circuits, `set_default`) and the formats.
 */

/** The proxy's random generator: `n` fresh bytes per call, as `random_get` fills a buffer. */
export type ProxyRandom = (n: number) => Uint8Array;

/** host/'s generator behind `random_get` (host/imports/wasi.ts): xorshift32 (13, 17, 5), the low byte of each step. */
export function hostRandom(seed = 0): ProxyRandom {
  // host/host.ts HostOptions.randomSeed: 0 means the default seed.
  let state = seed >>> 0 || 0x9e3779b9;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (state ^ (state << 13)) >>> 0;
      state = (state ^ (state >>> 17)) >>> 0;
      state = (state ^ (state << 5)) >>> 0;
      out[i] = state & 0xff;
    }
    return out;
  };
}

const POOL_BYTES = 256;

/** The random values of one loaded filter: its pool lives as long as the filter, across requests. */
export class FilterRandom {
  private pool = new Uint8Array(0);
  private used = 0;

  constructor(private readonly proxy: ProxyRandom = hostRandom()) {}

  /** `random()`: 0..4294967295. */
  int(): bigint {
    const b = this.take(4);
    return BigInt(b[0]! + b[1]! * 2 ** 8 + b[2]! * 2 ** 16 + b[3]! * 2 ** 24);
  }

  /** `uuid()`: `xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`, Y one of 8 9 a b. */
  uuid(): string {
    const b = Array.from(this.take(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = b.map((x) => x.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  private take(n: number): Uint8Array {
    if (this.used + n > this.pool.length) {
      this.pool = this.proxy(POOL_BYTES);
      this.used = 0;
    }
    const bytes = this.pool.subarray(this.used, this.used + n);
    this.used += n;
    return bytes;
  }
}
