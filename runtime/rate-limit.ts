// Local rate limits: `limit N per UNIT [by EXPR] [burst M] [buckets K]` (docs/language.md, "Rate limits").
//
// A token bucket per key, in proxy-wasm shared data so that every worker of one Envoy takes from the same bucket.
// A bucket is 24 bytes under the key `<prefix><slot>`: the 64-bit fingerprint of the key that holds the slot, the
// level, and the time it was last written. The level counts tokens in fixed point: one token is `unitNs` (the
// unit in nanoseconds), so refilling N tokens per unit continuously is `level += elapsedNs * N`, integer math only.
//
// Updates are compare-and-swap, as Envoy's SharedData::set (proxy-wasm-cpp-host src/shared_data.cc) does it: a
// non-zero cas that no longer matches the stored one returns CasMismatch and stores nothing; cas 0, or a key not
// stored yet, stores unconditionally. A mismatch means another worker took a token in between: read and decide
// again, at most MAX_CAS_ATTEMPTS times; then the decision of the last read stands without being stored.
//
// Everything here lives in the callback's arena: nothing outlives the request.
import { proxy_get_current_time_nanoseconds, proxy_get_shared_data, proxy_set_shared_data, STATUS_OK, STATUS_CAS_MISMATCH } from "./abi";
import { metricIncrement } from "./metrics";
import { arenaAlloc } from "./memory";
import { pairsBegin, pairsAdd, pairsFinish } from "./local-response";
import { ABSENT, EMPTY, HOST_RETURN, Str, strLen, strPtr, intText } from "./str";
import { concat2 } from "./text";

const VALUE_BYTES: u32 = 24;
const MAX_CAS_ATTEMPTS: i32 = 8;
/** The largest N and M: (N + M) tokens of an hour in nanoseconds still fit an i64 level. */
const MAX_TOKENS: i64 = 1_000_000;
const NS_PER_SECOND: i64 = 1_000_000_000;


// The last decision, for the 429's headers (rateLimitHeaders).
let decidedCapacity: i64 = 0;
let decidedRemaining: i64 = 0;
let decidedRetryAfter: i64 = 0;

/** FNV-1a 64 over the key's bytes, then MurmurHash3's fmix64 so that the slot (its low bits) depends on every byte. Never 0. */
function fingerprint(key: Str): u64 {
  let h: u64 = 0xcbf29ce484222325;
  const p = strPtr(key);
  const end = p + strLen(key);
  for (let q = p; q < end; q++) h = (h ^ <u64>load<u8>(q)) * 0x100000001b3;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

/** The level of a bucket last written at `at`, refilled until `now` and capped at `capacity` (no overflow). */
function refilled(level: i64, at: i64, now: i64, rate: i64, capacity: i64): i64 {
  const missing = capacity - level;
  if (missing <= 0) return capacity;
  const elapsed = now - at;
  // A clock that went back refills nothing.
  if (elapsed <= 0) return level;
  if (elapsed > missing / rate) return capacity;
  const next = level + elapsed * rate;
  return next > capacity ? capacity : next;
}

function clampTokens(value: i64, min: i64): i64 {
  return value < min ? min : value > MAX_TOKENS ? MAX_TOKENS : value;
}

/**
 * Takes a token from the bucket of `key` and says whether there was one. The slot of the key is its fingerprint
 * modulo `buckets`; a slot another key holds is taken over when that key's bucket would be full again, else the
 * request is decided against the shared overflow bucket `<prefix><buckets>` and counted in `collisions`.
 */
export function rateLimitTake(prefix: Str, key: Str, rate: i64, burst: i64, unitNs: i64, buckets: u32, collisions: u32): bool {
  const n = clampTokens(rate, 1);
  const capacity = (n + clampTokens(burst, 0)) * unitNs;
  proxy_get_current_time_nanoseconds(HOST_RETURN);
  const now = load<i64>(HOST_RETURN);
  // An absent key is the empty key: requests without it share one bucket.
  const fp = fingerprint(key == ABSENT ? EMPTY : key);
  const slotKey = concat2(prefix, intText(<i64>(fp % <u64>buckets)));
  const decided = decide(slotKey, fp, false, now, n, capacity, unitNs);
  if (decided >= 0) return decided == 1;
  metricIncrement(collisions);
  // The overflow bucket is slot number `buckets`, one past the last.
  return decide(concat2(prefix, intText(<i64>buckets)), 0, true, now, n, capacity, unitNs) == 1;
}

/** 1: admitted, 0: refused, -1: the slot is held by another key whose bucket is not full (the caller overflows). */
function decide(slotKey: Str, fp: u64, shared: bool, now: i64, rate: i64, capacity: i64, unitNs: i64): i32 {
  let admitted = true;
  let level = capacity;
  // The value to write and the returned cas, in the callback's arena (static scratch would shift every module's
  // memory layout, used or not).
  const value = arenaAlloc(VALUE_BYTES + 4);
  const casOut = value + VALUE_BYTES;
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    let cas: u32 = 0;
    level = capacity;
    const status = proxy_get_shared_data(strPtr(slotKey), strLen(slotKey), HOST_RETURN, HOST_RETURN + 4, casOut);
    if (status == STATUS_OK && load<u32>(HOST_RETURN + 4) == VALUE_BYTES) {
      cas = load<u32>(casOut);
      const stored = <usize>load<u32>(HOST_RETURN);
      const current = refilled(load<i64>(stored, 8), load<i64>(stored, 16), now, rate, capacity);
      if (shared || load<u64>(stored) == fp) level = current;
      else if (current < capacity) return -1;
      // Else the other key's bucket is full again, as a new key's starts: the slot is taken over.
    }
    admitted = level >= unitNs;
    if (admitted) level -= unitNs;
    store<u64>(value, fp);
    store<i64>(value, level, 8);
    store<i64>(value, now, 16);
    // Another worker wrote the slot since it was read: read and decide again.
    if (proxy_set_shared_data(strPtr(slotKey), strLen(slotKey), value, VALUE_BYTES, cas) != STATUS_CAS_MISMATCH) break;
  }
  decidedCapacity = capacity / unitNs;
  decidedRemaining = level / unitNs;
  // Seconds until the next token: the missing part of one token refills at `rate` per nanosecond; rounded up.
  decidedRetryAfter = admitted ? 0 : ((unitNs - level + rate - 1) / rate + NS_PER_SECOND - 1) / NS_PER_SECOND;
  return admitted ? 1 : 0;
}

/**
 * The headers of the 429 after a refused take: `retry-after` (whole seconds until a token), `x-ratelimit-limit`
 * (the bucket's capacity, N + M, as Envoy's local_ratelimit filter reports its max_tokens) and
 * `x-ratelimit-remaining`, in the proxy-wasm pairs format, in the arena.
 */
export function rateLimitHeaders(retryAfter: Str, limit: Str, remaining: Str): Str {
  const retryValue = intText(decidedRetryAfter);
  const limitValue = intText(decidedCapacity);
  const remainingValue = intText(decidedRemaining);
  pairsBegin(3, strLen(retryAfter) + strLen(limit) + strLen(remaining) + strLen(retryValue) + strLen(limitValue) + strLen(remainingValue));
  pairsAdd(retryAfter, retryValue);
  pairsAdd(limit, limitValue);
  pairsAdd(remaining, remainingValue);
  return pairsFinish();
}
