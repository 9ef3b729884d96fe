// `random()` and `uuid()`: bytes from WASI random_get, which Envoy provides (proxy-wasm cpp-host
// src/exports.cc, wasi_unstable_random_get, filled by the host's random generator). One call fills a pool of
// POOL_SIZE bytes that later values take from in order, so a request costs at most one host call as long as it
// takes no more than the pool (64 random() or 16 uuid()), and most requests none. Module code a program does not
// call is not linked: a filter without random() or uuid() does not import random_get.
import { Str, str } from "./str";
import { arenaAlloc } from "./memory";

@external("wasi_snapshot_preview1", "random_get")
declare function random_get(buffer: usize, length: usize): u32;

const POOL_SIZE: usize = 256;
const pool = memory.data(256);
/** Bytes of the pool already handed out; a full count makes the first use fill it. */
let used: usize = POOL_SIZE;

/** `n` (at most POOL_SIZE) fresh random bytes, refilling the pool when it has fewer left. */
function randomBytes(n: usize): usize {
  if (used + n > POOL_SIZE) {
    // A failure leaves the pool's earlier bytes: values repeat instead of the filter trapping (Envoy only fails it
    // for a buffer outside memory).
    random_get(pool, POOL_SIZE);
    used = 0;
  }
  const at = pool + used;
  used += n;
  return at;
}

/** An int in 0..2^32-1. */
export function randomInt(): i64 {
  return <i64>load<u32>(randomBytes(4));
}

/** A version-4 UUID (RFC 9562 section 5.4) in lower-case hex: `xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`, Y one of 8 9 a b. */
export function uuidText(): Str {
  const bytes = randomBytes(16);
  // Version 4 in the high nibble of byte 6, the variant 10 in the two high bits of byte 8.
  store<u8>(bytes + 6, (load<u8>(bytes + 6) & 0x0f) | 0x40);
  store<u8>(bytes + 8, (load<u8>(bytes + 8) & 0x3f) | 0x80);
  const out = arenaAlloc(36);
  let q = out;
  for (let i: usize = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) store<u8>(q++, 45);
    const b = <u32>load<u8>(bytes + i);
    store<u8>(q++, <u8>hexLower(b >> 4));
    store<u8>(q++, <u8>hexLower(b & 15));
  }
  return str(out, 36);
}

// @ts-ignore: decorator
@inline function hexLower(d: u32): u32 {
  return d < 10 ? 48 + d : 87 + d;
}
