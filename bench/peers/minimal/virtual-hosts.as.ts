// examples/virtual-hosts.fw by hand: :authority's host name picks the site, the site's checks read what they need,
// :path is read once for the path scopes, and what the response rules need (the API host, a /static/ path) is
// kept for the stream as two flags; the same host calls. A local reply's response gets no response rules.
import { CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS } from "./abi.as";
import { hostname } from "./authority.as";
import { ABSENT, Bytes, bytes, endsWith, equals, lenOf, ptrOf, safeValue, startsWith } from "./bytes.as";
import { getHeader, getProperty, replaceHeader } from "./host.as";
import { resetArena } from "./memory.as";
import { NOTHING, sendLocal } from "./reply.as";
import { forgetStream, setStreamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const AUTHORITY: Bytes = lit(":authority");
const PATH: Bytes = lit(":path");
const STATUS: Bytes = lit(":status");
const API_HOST: Bytes = lit("api.example.com");
const X_API_KEY: Bytes = lit("x-api-key");
const MISSING_KEY: Bytes = lit("missing x-api-key");
const API_KEY_DETAILS: Bytes = lit("filterc_api-key");
const ADMIN: Bytes = lit("/admin/");
const MTLS: Bytes = lit("connection\u0000mtls");
const NEEDS_CERT: Bytes = lit("admin needs a client certificate");
const MTLS_DETAILS: Bytes = lit("filterc_admin-mtls");
const SHOP: Bytes = lit(".shop.example.com");
const X_TENANT: Bytes = lit("x-tenant");
const STATIC: Bytes = lit("/static/");
const OK: Bytes = lit("200");
const CACHE_CONTROL: Bytes = lit("cache-control");
const NO_STORE: Bytes = lit("no-store");
const PUBLIC_DAY: Bytes = lit("public, max-age=86400");

const API_SITE: u32 = 1;
const STATIC_PATH: u32 = 2;

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const authority = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  const host = authority == ABSENT ? ABSENT : hostname(authority);
  let flags: u32 = 0;
  if (equals(host, API_HOST)) {
    if (getHeader(MAP_REQUEST_HEADERS, X_API_KEY) == ABSENT) return sendLocal(401, MISSING_KEY, API_KEY_DETAILS, NOTHING);
    flags |= API_SITE;
  }
  if (endsWith(host, SHOP)) {
    const tenant = bytes(ptrOf(host), lenOf(host) - lenOf(SHOP));
    if (safeValue(tenant)) replaceHeader(MAP_REQUEST_HEADERS, X_TENANT, tenant);
  }
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  if (flags & API_SITE) {
    // connection.mtls is one byte, 1 for a client certificate.
    if (startsWith(path, ADMIN)) {
      const mtls = getProperty(MTLS);
      if (mtls == ABSENT || lenOf(mtls) == 0 || load<u8>(ptrOf(mtls)) == 0) return sendLocal(403, NEEDS_CERT, MTLS_DETAILS, NOTHING);
    }
  }
  if (startsWith(path, STATIC)) flags |= STATIC_PATH;
  if (flags != 0) setStreamValue(ctx, flags);
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const flags = forgetStream(ctx);
  if (flags & API_SITE) replaceHeader(MAP_RESPONSE_HEADERS, CACHE_CONTROL, NO_STORE);
  if ((flags & STATIC_PATH) != 0 && equals(getHeader(MAP_RESPONSE_HEADERS, STATUS), OK)) replaceHeader(MAP_RESPONSE_HEADERS, CACHE_CONTROL, PUBLIC_DAY);
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  forgetStream(ctx);
}
