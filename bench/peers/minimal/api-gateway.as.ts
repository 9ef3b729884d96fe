// examples/api/gateway.fw by hand, with the imported examples/shared/baseline.fw's rules and param default written
// in (an import is a compile-time concern: the module has the rules of both files): the scanner check first, then
// the gateway's redirect; on the response the baseline's two headers and the gateway's version header, unless the
// filter answered itself; the same host calls.
import { CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS } from "./abi.as";
import { ABSENT, Bytes, contains, startsWith } from "./bytes.as";
import { getHeader, replaceHeader } from "./host.as";
import { resetArena } from "./memory.as";
import { NOTHING, oneHeader, sendLocal } from "./reply.as";
import { forgetStream, setStreamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const USER_AGENT: Bytes = lit("user-agent");
const PATH: Bytes = lit(":path");
const SQLMAP: Bytes = lit("sqlmap");
const NIKTO: Bytes = lit("nikto");
const MASSCAN: Bytes = lit("masscan");
const NOT_ALLOWED: Bytes = lit("scanners are not allowed\n");
const SCANNERS_DETAILS: Bytes = lit("filterc_block-scanners");
const V1: Bytes = lit("/v1/");
const LOCATION: Bytes = lit("location");
const V2: Bytes = lit("/v2/");
const MOVED_DETAILS: Bytes = lit("filterc_v1-moved");
const HSTS: Bytes = lit("strict-transport-security");
const YEAR: Bytes = lit("max-age=31536000");
const NOSNIFF_HEADER: Bytes = lit("x-content-type-options");
const NOSNIFF: Bytes = lit("nosniff");
const API_VERSION: Bytes = lit("x-api-version");
const TWO: Bytes = lit("2");

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const agent = getHeader(MAP_REQUEST_HEADERS, USER_AGENT);
  if (agent != ABSENT && (contains(agent, SQLMAP) || contains(agent, NIKTO) || contains(agent, MASSCAN))) {
    setStreamValue(ctx, 1);
    return sendLocal(403, NOT_ALLOWED, SCANNERS_DETAILS, NOTHING);
  }
  if (startsWith(getHeader(MAP_REQUEST_HEADERS, PATH), V1)) {
    setStreamValue(ctx, 1);
    return sendLocal(301, NOTHING, MOVED_DETAILS, oneHeader(LOCATION, V2));
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  // The filter's own replies (a refusal, the redirect) get no response rules.
  if (forgetStream(ctx) != 0) return CONTINUE;
  replaceHeader(MAP_RESPONSE_HEADERS, HSTS, YEAR);
  replaceHeader(MAP_RESPONSE_HEADERS, NOSNIFF_HEADER, NOSNIFF);
  replaceHeader(MAP_RESPONSE_HEADERS, API_VERSION, TWO);
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  forgetStream(ctx);
}
