// examples/legacy-redirects.fw by hand: the cookie limit, the /docs/ redirect that keeps the rest, the tenant from
// the subdomain and the status class of every upstream answer, with the same host calls. A stream the filter
// answered itself is remembered (one table entry), since its response rules skip the filter's own replies.
import { CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS } from "./abi.as";
import { ABSENT, Bytes, beforeByte, bytes, endsWith, lenOf, ptrOf, put, safeValue, startsWith } from "./bytes.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { NOTHING, oneHeader, sendLocal } from "./reply.as";
import { forgetStream, setStreamValue, streamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const COOKIE: Bytes = lit("cookie");
const PATH: Bytes = lit(":path");
const AUTHORITY: Bytes = lit(":authority");
const STATUS: Bytes = lit(":status");
const TOO_LARGE: Bytes = lit("cookie header over 8 KB\n");
const COOKIE_DETAILS: Bytes = lit("filterc_cookie-limit");
const DOCS: Bytes = lit("/docs/");
const HELP: Bytes = lit("/help/");
const LOCATION: Bytes = lit("location");
const DOCS_DETAILS: Bytes = lit("filterc_moved-docs");
const SHOP: Bytes = lit(".shop.example");
const X_TENANT: Bytes = lit("x-tenant");
const X_STATUS_CLASS: Bytes = lit("x-status-class");

function answered(ctx: u32, reply: u32): u32 {
  setStreamValue(ctx, 1);
  return reply;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const cookie = getHeader(MAP_REQUEST_HEADERS, COOKIE);
  if (cookie != ABSENT && lenOf(cookie) > 8192) return answered(ctx, sendLocal(431, TOO_LARGE, COOKIE_DETAILS, NOTHING));
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  if (startsWith(path, DOCS)) {
    const rest = bytes(ptrOf(path) + lenOf(DOCS), lenOf(path) - lenOf(DOCS));
    const size = lenOf(HELP) + lenOf(rest);
    const location = arenaAlloc(size);
    put(put(location, HELP), rest);
    if (safeValue(bytes(location, size))) return answered(ctx, sendLocal(301, NOTHING, DOCS_DETAILS, oneHeader(LOCATION, bytes(location, size))));
  }
  const host = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  if (host != ABSENT && endsWith(beforeByte(host, 58), SHOP)) {
    const tenant = beforeByte(host, 46);
    if (safeValue(tenant)) replaceHeader(MAP_REQUEST_HEADERS, X_TENANT, tenant);
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  if (streamValue(ctx) != 0) return CONTINUE;
  // `${response.status / 100}xx`: the status class's digit; a missing or malformed :status gives no digit.
  const status = getHeader(MAP_RESPONSE_HEADERS, STATUS);
  let code: u32 = 0;
  let digits = 0;
  if (status != ABSENT) {
    for (let i: usize = 0; i < lenOf(status); i++) {
      const d = <u32>load<u8>(ptrOf(status) + i) - 48;
      if (d > 9) {
        digits = 0;
        break;
      }
      code = code * 10 + d;
      digits++;
    }
  }
  const value = arenaAlloc(16);
  let w = value;
  if (digits > 0) {
    const hundreds = code / 100;
    if (hundreds >= 10) store<u8>(w++, <u8>(48 + (hundreds / 10) % 10));
    store<u8>(w++, <u8>(48 + hundreds % 10));
  }
  store<u8>(w++, 120);
  store<u8>(w++, 120);
  replaceHeader(MAP_RESPONSE_HEADERS, X_STATUS_CLASS, bytes(value, w - value));
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  forgetStream(ctx);
}
