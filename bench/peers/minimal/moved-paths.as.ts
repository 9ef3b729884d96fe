// examples/moved-paths.fw by hand: what a person would write for the two rules, taking the "groups" as slices
// found by prefix and suffix tests (no regex engine), with the same host calls as the compiled filter.
import { CONTINUE, MAP_REQUEST_HEADERS, STOP_ITERATION, proxy_send_local_response } from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put, startsWith } from "./bytes.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const PATH: Bytes = lit(":path");
const AUTHORITY: Bytes = lit(":authority");
const OLD: Bytes = lit("/old/");
const NEW: Bytes = lit("/new/");
const LOCATION: Bytes = lit("location");
const MOVED_DETAILS: Bytes = lit("filterc_moved");
const SHOP: Bytes = lit(".shop.example");
const X_TENANT: Bytes = lit("x-tenant");

/** `(.*)$`: no line feed (`.`), and a location must hold no CR or NUL either. */
function plainRest(rest: Bytes): bool {
  for (let i: usize = 0; i < lenOf(rest); i++) {
    const c = load<u8>(ptrOf(rest) + i);
    if (c == 10 || c == 13 || c == 0) return false;
  }
  return true;
}

/** `^([a-z0-9-]+)[.]shop[.]example$`: the label before the suffix, or ABSENT. */
function tenantOf(host: Bytes): Bytes {
  if (host == ABSENT) return ABSENT;
  const n = lenOf(host);
  const s = lenOf(SHOP);
  if (n <= s) return ABSENT;
  const label = n - s;
  const p = ptrOf(host);
  for (let i: usize = 0; i < s; i++) if (load<u8>(p + label + i) != load<u8>(ptrOf(SHOP) + i)) return ABSENT;
  for (let i: usize = 0; i < label; i++) {
    const c = <u32>load<u8>(p + i);
    if (!(c - 97 < 26 || c - 48 < 10 || c == 45)) return ABSENT;
  }
  return bytes(p, label);
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  if (startsWith(path, OLD)) {
    const rest = bytes(ptrOf(path) + lenOf(OLD), lenOf(path) - lenOf(OLD));
    if (plainRest(rest)) {
      const valueSize = lenOf(NEW) + lenOf(rest);
      const size: usize = 12 + lenOf(LOCATION) + 1 + valueSize + 1;
      const list = arenaAlloc(size);
      store<u32>(list, 1);
      store<u32>(list + 4, <u32>lenOf(LOCATION));
      store<u32>(list + 8, <u32>valueSize);
      let w = put(list + 12, LOCATION);
      store<u8>(w++, 0);
      w = put(put(w, NEW), rest);
      store<u8>(w, 0);
      proxy_send_local_response(301, ptrOf(MOVED_DETAILS), lenOf(MOVED_DETAILS), 0, 0, list, size, -1);
      resetArena();
      return STOP_ITERATION;
    }
  }
  const tenant = tenantOf(getHeader(MAP_REQUEST_HEADERS, AUTHORITY));
  if (tenant != ABSENT) replaceHeader(MAP_REQUEST_HEADERS, X_TENANT, tenant);
  resetArena();
  return CONTINUE;
}
