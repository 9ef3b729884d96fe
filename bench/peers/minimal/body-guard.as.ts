// examples/body-guard.fw by hand, with the param's default as a constant: :path and content-type read at the
// request headers and kept for the stream (the body phases and their log lines need them), each body held to its
// end and read once (held-body.as.ts), the two patterns matched by a hand-written scan, the same host calls.
import {
  BUFFER_REQUEST_BODY, BUFFER_RESPONSE_BODY, CONTINUE, LOG_ERROR, LOG_WARN, MAP_REQUEST_HEADERS, STOP_ITERATION_AND_BUFFER, proxy_log,
} from "./abi.as";
import { ABSENT, Bytes, bytes, contains, equals, lenOf, ptrOf, put, startsWith } from "./bytes.as";
import { heldBody } from "./held-body.as";
import { getHeader } from "./host.as";
import { arenaAlloc, keep, release, resetArena } from "./memory.as";
import { NOTHING, sendLocal } from "./reply.as";
import { forgetStream, setStreamValue, streamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const PATH: Bytes = lit(":path");
const CONTENT_TYPE: Bytes = lit("content-type");
const JSON_TYPE: Bytes = lit("application/json");
const API: Bytes = lit("/api/");
const REFUSED_PREFIX: Bytes = lit("refused a body of ");
const BYTES_ON: Bytes = lit(" bytes on ");
const REQUEST_REFUSED: Bytes = lit("request refused\n");
const SQLI_DETAILS: Bytes = lit("filterc_sqli-body");
const JSON_TOO_BIG: Bytes = lit("JSON body over 65536 bytes\n");
const JSON_DETAILS: Bytes = lit("filterc_json-size");
const MAX_JSON_BYTES: u32 = 65536;
const TRACEBACK: Bytes = lit("Traceback (most recent call last)");
const LEAKED: Bytes = lit("stack trace leaked on ");
const UNION: Bytes = lit("union");
const ALL: Bytes = lit("all");
const SELECT: Bytes = lit("select");
const DROP: Bytes = lit("drop");
const TABLE: Bytes = lit("table");

// What a stream keeps from its request headers: a block of [is JSON: u32][path length: u32][path bytes].

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  const json = equals(getHeader(MAP_REQUEST_HEADERS, CONTENT_TYPE), JSON_TYPE);
  const pathLen = path == ABSENT ? 0 : lenOf(path);
  const state = arenaAlloc(8 + pathLen);
  store<u32>(state, json ? 1 : 0);
  store<u32>(state + 4, path == ABSENT ? 0xffffffff : <u32>pathLen);
  if (pathLen > 0) memory.copy(state + 8, ptrOf(path), pathLen);
  setStreamValue(ctx, <u32>keep(state, 8 + pathLen));
  return CONTINUE;
}

function keptPath(state: usize): Bytes {
  const n = load<u32>(state + 4);
  return n == 0xffffffff ? ABSENT : bytes(state + 8, <usize>n);
}

// @ts-ignore: decorator
@inline function isSpace(c: u32): bool {
  return c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
}

/** Whether `word` (lower-case letters) is at `at` in any case. */
function wordAt(p: usize, end: usize, at: usize, word: Bytes): bool {
  if (at + lenOf(word) > end) return false;
  for (let i: usize = 0; i < lenOf(word); i++) if ((<u32>load<u8>(p + at + i) | 0x20) != <u32>load<u8>(ptrOf(word) + i)) return false;
  return true;
}

/** The end of a run of at least one `\s` from `at`, or 0 when there is none. */
function spacesFrom(p: usize, end: usize, at: usize): usize {
  let i = at;
  while (i < end && isSpace(<u32>load<u8>(p + i))) i++;
  return i > at ? i : 0;
}

/** `(?i)union\s+(all\s+)?select` or `(?i)drop\s+table` somewhere in the body. */
function looksLikeSqli(body: Bytes): bool {
  const p = ptrOf(body);
  const end = lenOf(body);
  for (let i: usize = 0; i < end; i++) {
    const c = <u32>load<u8>(p + i) | 0x20;
    if (c == 117 && wordAt(p, end, i, UNION)) {
      const s = spacesFrom(p, end, i + 5);
      if (s == 0) continue;
      if (wordAt(p, end, s, SELECT)) return true;
      if (wordAt(p, end, s, ALL)) {
        const t = spacesFrom(p, end, s + 3);
        if (t != 0 && wordAt(p, end, t, SELECT)) return true;
      }
    } else if (c == 100 && wordAt(p, end, i, DROP)) {
      const s = spacesFrom(p, end, i + 4);
      if (s != 0 && wordAt(p, end, s, TABLE)) return true;
    }
  }
  return false;
}

/** Decimal digits of `n` at `dst`; returns the end. */
function putDecimal(dst: usize, n: u32): usize {
  let digits: u32 = 1;
  for (let v = n; v >= 10; v /= 10) digits *= 10;
  let w = dst;
  for (; digits > 0; digits /= 10) store<u8>(w++, <u8>(48 + (n / digits) % 10));
  return w;
}

export function proxy_on_request_body(ctx: u32, bodySize: u32, endOfStream: u32): u32 {
  const body = heldBody(BUFFER_REQUEST_BODY, bodySize, endOfStream);
  if (body == ABSENT) return STOP_ITERATION_AND_BUFFER;
  const state = <usize>streamValue(ctx);
  const path = keptPath(state);
  if (startsWith(path, API) && looksLikeSqli(body)) {
    const line = arenaAlloc(lenOf(REFUSED_PREFIX) + 10 + lenOf(BYTES_ON) + lenOf(path));
    let w = put(line, REFUSED_PREFIX);
    w = putDecimal(w, <u32>lenOf(body));
    w = put(w, BYTES_ON);
    w = put(w, path);
    proxy_log(LOG_WARN, line, w - line);
    return sendLocal(403, REQUEST_REFUSED, SQLI_DETAILS, NOTHING);
  }
  if (load<u32>(state) != 0 && <u32>lenOf(body) > MAX_JSON_BYTES) {
    return sendLocal(413, JSON_TOO_BIG, JSON_DETAILS, NOTHING);
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_body(ctx: u32, bodySize: u32, endOfStream: u32): u32 {
  const body = heldBody(BUFFER_RESPONSE_BODY, bodySize, endOfStream);
  if (body == ABSENT) return STOP_ITERATION_AND_BUFFER;
  if (contains(body, TRACEBACK)) {
    const kept = keptPath(<usize>streamValue(ctx));
    const path = kept == ABSENT ? NOTHING : kept;
    const line = arenaAlloc(lenOf(LEAKED) + lenOf(path));
    const w = put(put(line, LEAKED), path);
    proxy_log(LOG_ERROR, line, w - line);
  }
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  const state = forgetStream(ctx);
  if (state != 0) release(<usize>state);
}
