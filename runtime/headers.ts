// Header map access for the phase being processed. Keys are lower-case constants from the compiler.
import {
  proxy_add_header_map_value, proxy_get_header_map_pairs, proxy_get_header_map_value,
  proxy_remove_header_map_value, proxy_replace_header_map_value, proxy_set_header_map_pairs, STATUS_OK, LOG_WARN,
} from "./abi";
import { arenaAlloc } from "./memory";
import { ABSENT, Str, str, strLen, strPtr, strEquals, isSafeHeaderValue, bytesEqual, hostValue, HOST_RETURN } from "./str";
import { logParts } from "./log";

/** The first value of header `key`, or ABSENT. */
export function getHeader(map: u32, key: Str): Str {
  return hostValue(proxy_get_header_map_value(map, strPtr(key), strLen(key), HOST_RETURN, HOST_RETURN + 4));
}

/** `set`: replace every value of `key` with `value`. Returns false when the value was unsafe and skipped. */
export function setHeader(map: u32, key: Str, value: Str): bool {
  if (!checkValue(key, value)) return false;
  proxy_replace_header_map_value(map, strPtr(key), strLen(key), strPtr(value), strLen(value));
  return true;
}

/** `set` with a value the compiler already checked (a literal): no runtime scan. */
export function setHeaderChecked(map: u32, key: Str, value: Str): void {
  proxy_replace_header_map_value(map, strPtr(key), strLen(key), strPtr(value), strLen(value));
}

/** `add` with a value the compiler already checked. */
export function addHeaderChecked(map: u32, key: Str, value: Str): void {
  proxy_add_header_map_value(map, strPtr(key), strLen(key), strPtr(value), strLen(value));
}

/** `add`: one more entry for `key`. */
export function addHeader(map: u32, key: Str, value: Str): bool {
  if (!checkValue(key, value)) return false;
  proxy_add_header_map_value(map, strPtr(key), strLen(key), strPtr(value), strLen(value));
  return true;
}

/** `set_default`: only when the header is absent. */
export function setDefaultHeader(map: u32, key: Str, value: Str): bool {
  if (getHeader(map, key) != ABSENT) return true;
  return addHeader(map, key, value);
}

export function removeHeader(map: u32, key: Str): void {
  proxy_remove_header_map_value(map, strPtr(key), strLen(key));
}

/**
 * Envoy's cpp-host reads at most this many pairs, of at most this many bytes in all (proxy-wasm limits.h,
 * PROXY_WASM_HOST_PAIRS_MAX_COUNT and _BYTES); past either, PairsUtil::toPairs reads an empty list, and
 * proxy_set_header_map_pairs would wipe every header.
 */
const PAIRS_MAX_COUNT: usize = 1024;
const PAIRS_MAX_BYTES: usize = 1 << 20;
/**
 * Up to this many matching headers are removed one call each. Past it the headers that stay are sent back in one
 * proxy_set_header_map_pairs, so a request with thousands of matching headers costs two host calls, not thousands.
 */
const REMOVALS_MAX: usize = 4;

/**
 * `remove prefix`: every header whose name starts with `prefix`. Two passes over the pairs: the first counts what
 * matches and sizes what stays, the second removes by name (few matches, or what stays is past the host's pairs
 * limits) or copies what stays into one pairs buffer in the arena (Envoy's Context::setHeaderMapPairs removes every
 * key and adds the pairs in order, so order and bytes are kept).
 */
export function removeHeadersWithPrefix(map: u32, prefix: Str): void {
  if (proxy_get_header_map_pairs(map, HOST_RETURN, HOST_RETURN + 4) != STATUS_OK) return;
  const base = <usize>load<u32>(HOST_RETURN);
  if (base == 0) return;
  const count = <usize>load<u32>(base);
  const plen = strLen(prefix);
  let kept: usize = 0;
  // The wire size of the pairs that stay: the count, and per pair two sizes and two NULs around its bytes.
  let keptSize: usize = 4;
  let pairs: usize = 0;
  for (let pass = 0; pass < 2; pass++) {
    let data = base + 4 + count * 8;
    let sizes = pairs + 4;
    let out = sizes + kept * 8;
    for (let i: usize = 0; i < count; i++) {
      const keyLen = <usize>load<u32>(base + 4 + i * 8);
      const valueLen = <usize>load<u32>(base + 8 + i * 8);
      const entry = keyLen + 1 + valueLen + 1;
      if (keyLen >= plen && bytesEqual(data, strPtr(prefix), plen)) {
        if (pass != 0 && pairs == 0) proxy_remove_header_map_value(map, data, keyLen);
      } else if (pass == 0) {
        kept++;
        keptSize += 8 + entry;
      } else if (pairs != 0) {
        store<u64>(sizes, load<u64>(base + 4 + i * 8));
        sizes += 8;
        memory.copy(out, data, entry);
        out += entry;
      }
      data += entry;
    }
    if (pass == 0) {
      if (kept == count) return;
      if (count - kept > REMOVALS_MAX && kept <= PAIRS_MAX_COUNT && keptSize <= PAIRS_MAX_BYTES) {
        pairs = arenaAlloc(keptSize);
        store<u32>(pairs, <u32>kept);
      }
    }
  }
  if (pairs != 0) proxy_set_header_map_pairs(map, pairs, keptSize);
}

/**
 * `rename "a" to "b"`: every value of `a` moves to `b`, replacing what `b` had. Moved values are treated as computed
 * ones: when one holds CR, LF or NUL the rename is skipped with checkValue's warning, before anything changed.
 */
export function renameHeader(map: u32, from: Str, to: Str): void {
  // Renaming a header to itself keeps it: the removal of `from` below would otherwise drop the values just moved.
  if (strEquals(from, to) || getHeader(map, from) == ABSENT) return;
  if (proxy_get_header_map_pairs(map, HOST_RETURN, HOST_RETURN + 4) != STATUS_OK) return;
  const base = <usize>load<u32>(HOST_RETURN);
  const count = <usize>load<u32>(base);
  const fromLen = strLen(from);
  // The first pass checks every value, the second moves them.
  for (let pass = 0; pass < 2; pass++) {
    if (pass != 0) proxy_remove_header_map_value(map, strPtr(to), strLen(to));
    let data = base + 4 + count * 8;
    for (let i: usize = 0; i < count; i++) {
      const keyLen = <usize>load<u32>(base + 4 + i * 8);
      const valueLen = <usize>load<u32>(base + 8 + i * 8);
      if (keyLen == fromLen && bytesEqual(data, strPtr(from), fromLen)) {
        const value = str(data + keyLen + 1, valueLen);
        if (pass == 0) {
          if (!checkValue(to, value)) return;
        } else proxy_add_header_map_value(map, strPtr(to), strLen(to), strPtr(value), valueLen);
      }
      data += keyLen + 1 + valueLen + 1;
    }
  }
  proxy_remove_header_map_value(map, strPtr(from), fromLen);
}

/** True when `value` may be sent as header `key`; otherwise logs that the header was skipped. */
export function checkValue(key: Str, value: Str): bool {
  if (isSafeHeaderValue(value)) return true;
  logParts(LOG_WARN, literal(UNSAFE_VALUE_PTR(), 16), key, literal(UNSAFE_VALUE_END_PTR(), 35));
  return false;
}

// Static data is emitted only for functions that are compiled, so unused messages cost nothing.
/** skipped header " */
// @ts-ignore: decorator
@inline function UNSAFE_VALUE_PTR(): usize {
  return memory.data<u8>([115,107,105,112,112,101,100,32,104,101,97,100,101,114,32,34]);
}
/** ": its value contains CR, LF or NUL */
// @ts-ignore: decorator
@inline function UNSAFE_VALUE_END_PTR(): usize {
  return memory.data<u8>([34,58,32,105,116,115,32,118,97,108,117,101,32,99,111,110,116,97,105,110,115,32,67,82,44,32,76,70,32,111,114,32,78,85,76]);
}

// @ts-ignore: decorator
@inline function literal(ptr: usize, len: usize): Str {
  return str(ptr, len);
}

