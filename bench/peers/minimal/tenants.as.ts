// examples/tenants.fw by hand, with the param's default as a constant: the tenant worked out once from the host
// name or x-tenant (the `let`), written to the request, and kept for the stream in a block so that the response
// rules read that copy, not the host; the same host calls.
import { CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS } from "./abi.as";
import { hostname } from "./authority.as";
import { ABSENT, Bytes, bytes, endsWith, equals, lenOf, ptrOf, safeValue } from "./bytes.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, keep, release, resetArena } from "./memory.as";
import { forgetStream, setStreamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const AUTHORITY: Bytes = lit(":authority");
const X_TENANT: Bytes = lit("x-tenant");
const SHOP: Bytes = lit(".shop.example");
const TRIAL: Bytes = lit("trial");
const DEMO: Bytes = lit("demo");
const X_LANE: Bytes = lit("x-lane");
const X_SERVED_FOR: Bytes = lit("x-served-for");
const CACHE_CONTROL: Bytes = lit("cache-control");
const NO_STORE: Bytes = lit("no-store");

/** The part of `s` before its first `.`, or all of it. */
function beforeDot(s: Bytes): Bytes {
  for (let i: usize = 0; i < lenOf(s); i++) if (load<u8>(ptrOf(s) + i) == 46) return bytes(ptrOf(s), i);
  return s;
}

/** ASCII lower case, into the arena. */
function lower(s: Bytes): Bytes {
  const out = arenaAlloc(lenOf(s));
  for (let i: usize = 0; i < lenOf(s); i++) {
    const c = <u32>load<u8>(ptrOf(s) + i);
    store<u8>(out + i, <u8>(c - 65 < 26 ? c + 32 : c));
  }
  return bytes(out, lenOf(s));
}

function isTrial(tenant: Bytes): bool {
  return equals(tenant, TRIAL) || equals(tenant, DEMO);
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const authority = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  const host = authority == ABSENT ? ABSENT : hostname(authority);
  let tenant = ABSENT;
  if (endsWith(host, SHOP)) tenant = beforeDot(host);
  else {
    const given = getHeader(MAP_REQUEST_HEADERS, X_TENANT);
    if (given != ABSENT) tenant = lower(given);
  }
  if (tenant == ABSENT) {
    resetArena();
    return CONTINUE;
  }
  if (safeValue(tenant)) replaceHeader(MAP_REQUEST_HEADERS, X_TENANT, tenant);
  if (isTrial(tenant)) replaceHeader(MAP_REQUEST_HEADERS, X_LANE, TRIAL);
  // The block: the tenant's length, then its bytes.
  const kept = arenaAlloc(4 + lenOf(tenant));
  store<u32>(kept, <u32>lenOf(tenant));
  memory.copy(kept + 4, ptrOf(tenant), lenOf(tenant));
  setStreamValue(ctx, <u32>keep(kept, 4 + lenOf(tenant)));
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const block = <usize>forgetStream(ctx);
  if (block == 0) return CONTINUE;
  const tenant = bytes(block + 4, <usize>load<u32>(block));
  if (safeValue(tenant)) replaceHeader(MAP_RESPONSE_HEADERS, X_SERVED_FOR, tenant);
  if (isTrial(tenant)) replaceHeader(MAP_RESPONSE_HEADERS, CACHE_CONTROL, NO_STORE);
  release(block);
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  const block = forgetStream(ctx);
  if (block != 0) release(<usize>block);
}
