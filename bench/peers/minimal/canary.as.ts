// examples/canary.fw by hand, with the param's default as a constant: the host calls the rules need and no more.
// A stream routed to the canary is remembered (one table entry) for its response phase.
import { CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS } from "./abi.as";
import { ABSENT, Bytes, bytes, equals, equalsIgnoringCase, lenOf, ptrOf, put, startsWith } from "./bytes.as";
import { getHeader, replaceHeader } from "./host.as";
import { cookieValue } from "./cookie.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { forgetStream, setStreamValue, streamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const X_CANARY: Bytes = lit("x-canary");
const TRUE: Bytes = lit("true");
const COOKIE: Bytes = lit("cookie");
const RELEASE: Bytes = lit("release");
const CANARY: Bytes = lit("canary");
const PATH: Bytes = lit(":path");
const API: Bytes = lit("/api/");
const API_CANARY: Bytes = lit("/api-canary/");
const X_CANARY_ROUTED: Bytes = lit("x-canary-routed");
const X_SERVED_BY: Bytes = lit("x-served-by");

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  let routed = equalsIgnoringCase(getHeader(MAP_REQUEST_HEADERS, X_CANARY), TRUE) ||
    equals(cookieValue(getHeader(MAP_REQUEST_HEADERS, COOKIE), RELEASE), CANARY);
  if (routed) {
    const path = getHeader(MAP_REQUEST_HEADERS, PATH);
    if (startsWith(path, API)) {
      const rest = bytes(ptrOf(path) + lenOf(API), lenOf(path) - lenOf(API));
      const size = lenOf(API_CANARY) + lenOf(rest);
      const dst = arenaAlloc(size);
      put(put(dst, API_CANARY), rest);
      replaceHeader(MAP_REQUEST_HEADERS, PATH, bytes(dst, size));
    }
    replaceHeader(MAP_REQUEST_HEADERS, X_CANARY_ROUTED, TRUE);
  } else {
    // The response rule reads the header as sent upstream, which the client may have set itself.
    routed = equals(getHeader(MAP_REQUEST_HEADERS, X_CANARY_ROUTED), TRUE);
  }
  if (routed) setStreamValue(ctx, 1);
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  if (streamValue(ctx) != 0) replaceHeader(MAP_RESPONSE_HEADERS, X_SERVED_BY, CANARY);
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  forgetStream(ctx);
}
