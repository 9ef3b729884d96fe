// examples/login-redirect.fw by hand, with the param's default as a constant: the login redirect with the
// percent-encoded return address, and the method override upper-cased, with the same host calls.
import { CONTINUE, MAP_REQUEST_HEADERS } from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf, put, safeValue, startsWith } from "./bytes.as";
import { cookieValue } from "./cookie.as";
import { getHeader, replaceHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { NOTHING, oneHeader, sendLocal } from "./reply.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const PATH: Bytes = lit(":path");
const COOKIE: Bytes = lit("cookie");
const SESSION: Bytes = lit("session");
const AUTHORITY: Bytes = lit(":authority");
const APP: Bytes = lit("/app/");
const LOGIN: Bytes = lit("https://login.example.com/authorize?return_to=");
const HTTPS: Bytes = lit("https://");
const LOCATION: Bytes = lit("location");
const LOGIN_DETAILS: Bytes = lit("filterc_login");
const OVERRIDE: Bytes = lit("x-http-method-override");

/** RFC 3986 percent-encoding of `part` at `w`: unreserved bytes kept, every other one `%XX` upper-case. */
function encode(w: usize, part: Bytes): usize {
  for (let i: usize = 0; i < lenOf(part); i++) {
    const c = <u32>load<u8>(ptrOf(part) + i);
    if (c - 65 < 26 || c - 97 < 26 || c - 48 < 10 || c == 45 || c == 46 || c == 95 || c == 126) {
      store<u8>(w++, <u8>c);
    } else {
      store<u8>(w++, 37);
      store<u8>(w++, <u8>hex(c >> 4));
      store<u8>(w++, <u8>hex(c & 15));
    }
  }
  return w;
}

// @ts-ignore: decorator
@inline function hex(d: u32): u32 {
  return d < 10 ? 48 + d : 55 + d;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  if (startsWith(path, APP) && cookieValue(getHeader(MAP_REQUEST_HEADERS, COOKIE), SESSION) == ABSENT) {
    const host = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
    const hostText = host == ABSENT ? bytes(0, 0) : host;
    const location = arenaAlloc(lenOf(LOGIN) + 3 * (lenOf(HTTPS) + lenOf(hostText) + lenOf(path)));
    const end = encode(encode(encode(put(location, LOGIN), HTTPS), hostText), path);
    if (safeValue(bytes(location, end - location))) return sendLocal(302, NOTHING, LOGIN_DETAILS, oneHeader(LOCATION, bytes(location, end - location)));
  }
  const method = getHeader(MAP_REQUEST_HEADERS, OVERRIDE);
  if (method != ABSENT) {
    const upper = arenaAlloc(lenOf(method));
    for (let i: usize = 0; i < lenOf(method); i++) {
      const c = <u32>load<u8>(ptrOf(method) + i);
      store<u8>(upper + i, <u8>(c - 97 < 26 ? c - 32 : c));
    }
    if (safeValue(bytes(upper, lenOf(method)))) replaceHeader(MAP_REQUEST_HEADERS, OVERRIDE, bytes(upper, lenOf(method)));
  }
  resetArena();
  return CONTINUE;
}
