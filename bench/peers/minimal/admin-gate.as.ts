// examples/admin-gate.fw by hand, with the param's default as a constant: each header and property read once per
// callback, local replies with pre-encoded header lists where they are constant, and the method and path of an
// admin request kept in a block for the audit header of its response.
import {
  CONTINUE, LOG_WARN, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS, STOP_ITERATION, proxy_log, proxy_send_local_response,
} from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put, startsWith } from "./bytes.as";
import { getHeader, getProperty, replaceHeader } from "./host.as";
import { ipv4, peerIp } from "./address.as";
import { arenaAlloc, keep, release, resetArena } from "./memory.as";
import { forgetStream, setStreamValue, streamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const PATH: Bytes = lit(":path");
const METHOD: Bytes = lit(":method");
const AUTHORITY: Bytes = lit(":authority");
const STATUS: Bytes = lit(":status");
const ADMIN: Bytes = lit("/admin");
const V1: Bytes = lit("/v1/");
const MAPPED: Bytes = lit("::ffff:");
const SOURCE_ADDRESS: Bytes = lit("source\u0000address");
const X_ADMIN_TOKEN: Bytes = lit("x-admin-token");
const X_ADMIN_AUDIT: Bytes = lit("x-admin-audit");
const REFUSED_BEFORE: Bytes = lit("admin request from ");
const REFUSED_AFTER: Bytes = lit(" refused: outside the admin networks");
const FORBIDDEN: Bytes = lit("forbidden\n");
const NETWORK_DETAILS: Bytes = lit("filterc_admin-network");
const MISSING_TOKEN: Bytes = lit("missing x-admin-token\n");
const TOKEN_DETAILS: Bytes = lit("filterc_admin-token");
// Header lists in the pairs format: count, (key size, value size) per entry, then "key\0value\0" per entry.
const TOKEN_HEADERS: Bytes = lit("\u0001\u0000\u0000\u0000\u0010\u0000\u0000\u0000\u0005\u0000\u0000\u0000www-authenticate\u0000Token\u0000");
const LOCATION: Bytes = lit("location");
const HTTPS: Bytes = lit("https://");
const V2: Bytes = lit("/v2/");
const LEGACY_DETAILS: Bytes = lit("filterc_legacy-api");
const SPACE: Bytes = lit(" ");
const ARROW: Bytes = lit(" -> ");

/**
 * 10.0.0.0/8, 192.168.0.0/16 or 2001:db8::/32. Envoy hands over well-formed addresses, so for IPv6 only the
 * first two groups are read; an IPv4-mapped IPv6 address counts as its IPv4 address, as in filterc.
 */
function inAdminNetworks(ip: Bytes): bool {
  if (ip == ABSENT) return false;
  const unmapped = startsWith(ip, MAPPED) ? bytes(ptrOf(ip) + lenOf(MAPPED), lenOf(ip) - lenOf(MAPPED)) : ip;
  const v4 = ipv4(ptrOf(unmapped), lenOf(unmapped));
  if (v4 >= 0) return (v4 >>> 24) == 10 || (v4 >>> 16) == 0xc0a8;
  let first: i32 = -1;
  let second: i32 = -1;
  let group: u32 = 0;
  for (let i: usize = 0; i < lenOf(ip); i++) {
    const c = <u32>load<u8>(ptrOf(ip) + i);
    if (c == 58) {
      if (first >= 0) {
        second = <i32>group;
        break;
      }
      first = <i32>group;
      group = 0;
    } else {
      group = (group << 4) | (c <= 57 ? c - 48 : (c | 0x20) - 87);
    }
  }
  return first == 0x2001 && second == 0x0db8;
}

function sendLocalResponse(status: u32, body: Bytes, details: Bytes, headers: Bytes): u32 {
  proxy_send_local_response(status, ptrOf(details), lenOf(details), ptrOf(body), lenOf(body), ptrOf(headers), lenOf(headers), -1);
  resetArena();
  return STOP_ITERATION;
}

/** True unless the value holds CR, LF or NUL: such a header is never sent. */
function safeValue(value: Bytes): bool {
  for (let i: usize = 0; i < lenOf(value); i++) {
    const c = load<u8>(ptrOf(value) + i);
    if (c == 13 || c == 10 || c == 0) return false;
  }
  return true;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  const admin = startsWith(path, ADMIN);
  if (admin) {
    const ip = peerIp(getProperty(SOURCE_ADDRESS));
    if (!inAdminNetworks(ip)) {
      const shown = ip == ABSENT ? bytes(0, 0) : ip;
      const size = lenOf(REFUSED_BEFORE) + lenOf(shown) + lenOf(REFUSED_AFTER);
      const line = arenaAlloc(size);
      put(put(put(line, REFUSED_BEFORE), shown), REFUSED_AFTER);
      proxy_log(LOG_WARN, line, size);
      return sendLocalResponse(403, FORBIDDEN, NETWORK_DETAILS, bytes(0, 0));
    }
    if (getHeader(MAP_REQUEST_HEADERS, X_ADMIN_TOKEN) == ABSENT) {
      return sendLocalResponse(401, MISSING_TOKEN, TOKEN_DETAILS, TOKEN_HEADERS);
    }
  }
  if (startsWith(path, V1)) {
    const host = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
    const hostText = host == ABSENT ? bytes(0, 0) : host;
    const valueSize = lenOf(HTTPS) + lenOf(hostText) + lenOf(V2);
    const size: usize = 12 + lenOf(LOCATION) + 1 + valueSize + 1;
    const list = arenaAlloc(size);
    store<u32>(list, 1);
    store<u32>(list + 4, <u32>lenOf(LOCATION));
    store<u32>(list + 8, <u32>valueSize);
    let w = put(list + 12, LOCATION);
    store<u8>(w++, 0);
    const value = w;
    w = put(put(put(w, HTTPS), hostText), V2);
    store<u8>(w, 0);
    if (!safeValue(bytes(value, valueSize))) {
      resetArena();
      return CONTINUE;
    }
    return sendLocalResponse(301, bytes(0, 0), LEGACY_DETAILS, bytes(list, size));
  }
  if (admin) {
    // Record: method size, path size, then their bytes.
    const method = getHeader(MAP_REQUEST_HEADERS, METHOD);
    const methodText = method == ABSENT ? bytes(0, 0) : method;
    const size: usize = 8 + lenOf(methodText) + lenOf(path);
    const record = arenaAlloc(size);
    store<u32>(record, <u32>lenOf(methodText));
    store<u32>(record + 4, <u32>lenOf(path));
    put(put(record + 8, methodText), path);
    setStreamValue(ctx, <u32>keep(record, size));
    return CONTINUE;
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const record = <usize>streamValue(ctx);
  if (record != 0) {
    const method = bytes(record + 8, <usize>load<u32>(record));
    const path = bytes(record + 8 + lenOf(method), <usize>load<u32>(record + 4));
    const status = getHeader(MAP_RESPONSE_HEADERS, STATUS);
    const statusText = status == ABSENT ? bytes(0, 0) : status;
    const size = lenOf(method) + lenOf(SPACE) + lenOf(path) + lenOf(ARROW) + lenOf(statusText);
    const value = arenaAlloc(size);
    put(put(put(put(put(value, method), SPACE), path), ARROW), statusText);
    if (safeValue(bytes(value, size))) replaceHeader(MAP_RESPONSE_HEADERS, X_ADMIN_AUDIT, bytes(value, size));
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  const record = <usize>forgetStream(ctx);
  if (record != 0) release(record);
}
