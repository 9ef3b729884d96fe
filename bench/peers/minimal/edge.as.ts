// examples/edge.fw by hand, with the param's default and zero trusted hops as constants: a uuid correlation id
// from WASI random_get (a 256-byte pool, as filterc's runtime, so both give the same ids), xxHash32 of the uid
// cookie for the sticky canary, the peer address against the internal networks, and the tenant host lower-cased,
// with the same host calls.
import { CONTINUE, MAP_REQUEST_HEADERS, proxy_add_header_map_value, random_get } from "./abi.as";
import { ipv4, peerIp } from "./address.as";
import { ABSENT, Bytes, bytes, endsWith, lenOf, ptrOf, safeValue, startsWith } from "./bytes.as";
import { cookieValue } from "./cookie.as";
import { getHeader, getProperty, replaceHeader } from "./host.as";
import { hostname } from "./authority.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { NOTHING, sendLocal } from "./reply.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const X_CORRELATION_ID: Bytes = lit("x-correlation-id");
const COOKIE: Bytes = lit("cookie");
const UID: Bytes = lit("uid");
const X_CANARY: Bytes = lit("x-canary");
const TRUE: Bytes = lit("true");
const PATH: Bytes = lit(":path");
const ADMIN: Bytes = lit("/admin");
const SOURCE_ADDRESS: Bytes = lit("source\u0000address");
const MAPPED: Bytes = lit("::ffff:");
const ADMIN_DETAILS: Bytes = lit("filterc_admin-internal-only");
const AUTHORITY: Bytes = lit(":authority");
const SHOP: Bytes = lit(".shop.example");
const X_TENANT_HOST: Bytes = lit("x-tenant-host");

const POOL: usize = 256;
const pool = memory.data(256);
let used: usize = POOL;

/** A version-4 UUID in lower-case hex from the next 16 pool bytes, refilling the pool when fewer are left. */
function uuid(): Bytes {
  if (used + 16 > POOL) {
    random_get(pool, POOL);
    used = 0;
  }
  const b = pool + used;
  used += 16;
  store<u8>(b + 6, (load<u8>(b + 6) & 0x0f) | 0x40);
  store<u8>(b + 8, (load<u8>(b + 8) & 0x3f) | 0x80);
  const out = arenaAlloc(36);
  let w = out;
  for (let i: usize = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) store<u8>(w++, 45);
    const v = <u32>load<u8>(b + i);
    store<u8>(w++, <u8>hexLower(v >> 4));
    store<u8>(w++, <u8>hexLower(v & 15));
  }
  return bytes(out, 36);
}

// @ts-ignore: decorator
@inline function hexLower(d: u32): u32 {
  return d < 10 ? 48 + d : 87 + d;
}

/** xxHash32 with seed 0. */
function xxHash32(s: Bytes): u32 {
  const P1: u32 = 2654435761;
  const P2: u32 = 2246822519;
  const P3: u32 = 3266489917;
  const P4: u32 = 668265263;
  const P5: u32 = 374761393;
  const p = ptrOf(s);
  const n = lenOf(s);
  let i: usize = 0;
  let h: u32;
  if (n >= 16) {
    let a: u32 = P1 + P2;
    let b: u32 = P2;
    let c: u32 = 0;
    let d: u32 = 0 - P1;
    for (; i + 16 <= n; i += 16) {
      a = rotl<u32>(a + load<u32>(p + i) * P2, 13) * P1;
      b = rotl<u32>(b + load<u32>(p + i + 4) * P2, 13) * P1;
      c = rotl<u32>(c + load<u32>(p + i + 8) * P2, 13) * P1;
      d = rotl<u32>(d + load<u32>(p + i + 12) * P2, 13) * P1;
    }
    h = rotl<u32>(a, 1) + rotl<u32>(b, 7) + rotl<u32>(c, 12) + rotl<u32>(d, 18);
  } else {
    h = P5;
  }
  h += <u32>n;
  for (; i + 4 <= n; i += 4) h = rotl<u32>(h + load<u32>(p + i) * P3, 17) * P4;
  for (; i < n; i++) h = rotl<u32>(h + <u32>load<u8>(p + i) * P5, 11) * P1;
  h = (h ^ (h >> 15)) * P2;
  h = (h ^ (h >> 13)) * P3;
  return h ^ (h >> 16);
}

/** 10.0.0.0/8 or fd00::/8; an IPv4-mapped IPv6 address counts as its IPv4 address, as in filterc. */
function isInternal(ip: Bytes): bool {
  if (ip == ABSENT) return false;
  const unmapped = startsWith(ip, MAPPED) ? bytes(ptrOf(ip) + lenOf(MAPPED), lenOf(ip) - lenOf(MAPPED)) : ip;
  const v4 = ipv4(ptrOf(unmapped), lenOf(unmapped));
  if (v4 >= 0) return (v4 >>> 24) == 10;
  // The first group of an IPv6 address: fd00::/8 is a first group of 0xfdXX.
  let group: u32 = 0;
  let digits = 0;
  for (let i: usize = 0; i < lenOf(ip); i++) {
    const c = <u32>load<u8>(ptrOf(ip) + i);
    if (c == 58) break;
    group = (group << 4) | (c <= 57 ? c - 48 : (c | 0x20) - 87);
    digits++;
  }
  return digits == 4 && (group >> 8) == 0xfd;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  if (getHeader(MAP_REQUEST_HEADERS, X_CORRELATION_ID) == ABSENT) {
    const id = uuid();
    proxy_add_header_map_value(MAP_REQUEST_HEADERS, ptrOf(X_CORRELATION_ID), lenOf(X_CORRELATION_ID), ptrOf(id), lenOf(id));
  }
  const uid = cookieValue(getHeader(MAP_REQUEST_HEADERS, COOKIE), UID);
  if (uid != ABSENT && xxHash32(uid) < 429496730) replaceHeader(MAP_REQUEST_HEADERS, X_CANARY, TRUE);
  if (startsWith(getHeader(MAP_REQUEST_HEADERS, PATH), ADMIN) && !isInternal(peerIp(getProperty(SOURCE_ADDRESS)))) {
    return sendLocal(403, NOTHING, ADMIN_DETAILS, NOTHING);
  }
  const authority = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  if (authority != ABSENT) {
    const host = hostname(authority);
    if (endsWith(host, SHOP) && safeValue(host)) replaceHeader(MAP_REQUEST_HEADERS, X_TENANT_HOST, host);
  }
  resetArena();
  return CONTINUE;
}
