// bench/limits.ts's local limit by hand: `rule "api-keys" limit 100 per minute by request.header["x-api-key"]
// burst 50` (4096 slots, the default), with the host calls filterc's build makes: the key's header, the clock, the
// slot's shared data read and its compare-and-swap write (read again on a mismatch), and for a refusal the
// counter and a 429 with retry-after, x-ratelimit-limit and x-ratelimit-remaining. The bucket is the one of
// docs/language.md ("Rate limits"): 24 bytes per slot (the key's 64-bit fingerprint, the level in tokens times
// the unit's nanoseconds, the time of the last write); a slot another key holds is taken over once that key's
// bucket would be full again, otherwise the request is decided on the overflow bucket and counted as a collision.
import {
  CONTINUE, MAP_REQUEST_HEADERS, METRIC_COUNTER, STATUS_CAS_MISMATCH, STATUS_OK, STOP_ALL_ITERATION_AND_WATERMARK,
  proxy_get_current_time_nanoseconds, proxy_get_shared_data, proxy_increment_metric, proxy_send_local_response, proxy_set_shared_data,
} from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put } from "./bytes.as";
import { getHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { defineMetric } from "./metric.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const API_KEY: Bytes = lit("x-api-key");
const SLOT_PREFIX: Bytes = lit("filterc.limits.rate_limit.api-keys.0.");
const COLLISIONS: Bytes = lit("rule=.=api-keys;.;filterc.limits.rate_limit_collisions");
const LIMITED: Bytes = lit("rule=.=api-keys;.;filterc.limits.rate_limited");
const DETAILS: Bytes = lit("filterc_api-keys");
const RETRY_AFTER: Bytes = lit("retry-after");
const LIMIT: Bytes = lit("x-ratelimit-limit");
const REMAINING: Bytes = lit("x-ratelimit-remaining");

const RATE: i64 = 100;
const UNIT_NS: i64 = 60_000_000_000;
const CAPACITY: i64 = (100 + 50) * UNIT_NS;
const SLOTS: u64 = 4096;
const MAX_CAS_ATTEMPTS: i32 = 8;

let collisions: u32 = 0;
let limited: u32 = 0;
const out = memory.data(16);
// The last decision, for the 429's headers.
let remaining: i64 = 0;
let retryAfter: i64 = 0;

export function proxy_on_configure(root: u32, configurationSize: u32): u32 {
  collisions = defineMetric(METRIC_COUNTER, COLLISIONS);
  limited = defineMetric(METRIC_COUNTER, LIMITED);
  return 1;
}

/** FNV-1a 64, then MurmurHash3's fmix64 so that the low bits (the slot) depend on every byte; never 0. */
function fingerprint(key: Bytes): u64 {
  let h: u64 = 0xcbf29ce484222325;
  for (let i: usize = 0; i < lenOf(key); i++) h = (h ^ <u64>load<u8>(ptrOf(key) + i)) * 0x100000001b3;
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccd;
  h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

/** `n` in decimal at `w`; returns the end. */
function putDecimal(w: usize, n: u64): usize {
  let digits: usize = 1;
  for (let m = n; m >= 10; m /= 10) digits++;
  for (let i = digits; i > 0; i--) {
    store<u8>(w + i - 1, <u8>(48 + n % 10));
    n /= 10;
  }
  return w + digits;
}

function slotKey(slot: u64): Bytes {
  const key = arenaAlloc(lenOf(SLOT_PREFIX) + 20);
  return bytes(key, putDecimal(put(key, SLOT_PREFIX), slot) - key);
}

/** The level of a bucket written at `at`, refilled until `now`, at most CAPACITY. */
function refilled(level: i64, at: i64, now: i64): i64 {
  const missing = CAPACITY - level;
  if (missing <= 0) return CAPACITY;
  const elapsed = now - at;
  if (elapsed <= 0) return level;
  if (elapsed > missing / RATE) return CAPACITY;
  return min(CAPACITY, level + elapsed * RATE);
}

/** 1: admitted, 0: refused, -1: another key holds the slot and its bucket is not full. */
function decide(key: Bytes, fp: u64, overflow: bool, now: i64): i32 {
  const value = arenaAlloc(24);
  let level = CAPACITY;
  let admitted = true;
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    let cas: u32 = 0;
    level = CAPACITY;
    if (proxy_get_shared_data(ptrOf(key), lenOf(key), out, out + 4, out + 8) == STATUS_OK && load<u32>(out + 4) == 24) {
      cas = load<u32>(out + 8);
      const stored = <usize>load<u32>(out);
      const current = refilled(load<i64>(stored, 8), load<i64>(stored, 16), now);
      if (overflow || load<u64>(stored) == fp) level = current;
      else if (current < CAPACITY) return -1;
    }
    admitted = level >= UNIT_NS;
    if (admitted) level -= UNIT_NS;
    store<u64>(value, fp);
    store<i64>(value, level, 8);
    store<i64>(value, now, 16);
    if (proxy_set_shared_data(ptrOf(key), lenOf(key), value, 24, cas) != STATUS_CAS_MISMATCH) break;
  }
  remaining = level / UNIT_NS;
  retryAfter = ((UNIT_NS - level + RATE - 1) / RATE + 999_999_999) / 1_000_000_000;
  return admitted ? 1 : 0;
}

function putPair(w: usize, name: Bytes, value: usize, valueEnd: usize): usize {
  w = put(w, name);
  store<u8>(w++, 0);
  memory.copy(w, value, valueEnd - value);
  w += valueEnd - value;
  store<u8>(w++, 0);
  return w;
}

/** The 429 with its three headers in the pairs format. */
function refuse(): u32 {
  proxy_increment_metric(limited, 1);
  const numbers = arenaAlloc(64);
  const retryEnd = putDecimal(numbers, <u64>retryAfter);
  const limitEnd = putDecimal(retryEnd, 150);
  const remainingEnd = putDecimal(limitEnd, <u64>remaining);
  const size = 28 + lenOf(RETRY_AFTER) + lenOf(LIMIT) + lenOf(REMAINING) + 6 + (remainingEnd - numbers);
  const list = arenaAlloc(size);
  store<u32>(list, 3);
  store<u32>(list + 4, <u32>lenOf(RETRY_AFTER));
  store<u32>(list + 8, <u32>(retryEnd - numbers));
  store<u32>(list + 12, <u32>lenOf(LIMIT));
  store<u32>(list + 16, <u32>(limitEnd - retryEnd));
  store<u32>(list + 20, <u32>lenOf(REMAINING));
  store<u32>(list + 24, <u32>(remainingEnd - limitEnd));
  let w = putPair(list + 28, RETRY_AFTER, numbers, retryEnd);
  w = putPair(w, LIMIT, retryEnd, limitEnd);
  putPair(w, REMAINING, limitEnd, remainingEnd);
  proxy_send_local_response(429, ptrOf(DETAILS), lenOf(DETAILS), 0, 0, list, size, -1);
  resetArena();
  return STOP_ALL_ITERATION_AND_WATERMARK;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  let key = getHeader(MAP_REQUEST_HEADERS, API_KEY);
  // Requests without the header share the bucket of the empty key.
  if (key == ABSENT) key = 0;
  proxy_get_current_time_nanoseconds(out);
  const now = load<i64>(out);
  const fp = fingerprint(key);
  let decided = decide(slotKey(fp % SLOTS), fp, false, now);
  if (decided < 0) {
    proxy_increment_metric(collisions, 1);
    decided = decide(slotKey(SLOTS), 0, true, now);
  }
  if (decided == 0) return refuse();
  resetArena();
  return CONTINUE;
}
