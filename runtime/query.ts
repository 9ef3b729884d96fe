// `set query` and `remove query`: one parameter of the request's query string, edited in :path in one pass.
//
// The query is the text between the first `?` and the first `#` (a `?` after `#` belongs to the fragment, as
// queryParam reads it). Parameters are compared by their decoded name, as `request.query["k"]` finds them; a bare
// `k` (no `=`) is a `k` parameter. The new `:path` is built once in the arena: the callback's memory, bounded by the
// largest request.
import { MAP_REQUEST_HEADERS } from "./abi";
import { getHeader, setHeaderChecked } from "./headers";
import { arenaAlloc } from "./memory";
import { PATH } from "./path";
import { ABSENT, Str, str, strLen, strPtr, put } from "./str";
import { decodedEquals } from "./url";

/**
 * `set query "k" = value`: the first `k` parameter becomes `k=value` where it stands and later ones are removed;
 * without one, `k=value` is appended. Name and value are percent-encoded (RFC 3986: all but unreserved bytes).
 */
export function setQueryParam(key: Str, value: Str): void {
  editQuery(key, value, true);
}

/** `remove query "k"`: every `k` parameter goes; a query left empty takes its `?` with it. */
export function removeQueryParam(key: Str): void {
  editQuery(key, ABSENT, false);
}

function editQuery(key: Str, value: Str, set: bool): void {
  const name = str(PATH(), 5);
  const path = getHeader(MAP_REQUEST_HEADERS, name);
  if (path == ABSENT) return;
  const p = strPtr(path);
  const len = strLen(path);
  let hash: usize = 0;
  while (hash < len && load<u8>(p + hash) != 35) hash++; // '#'
  let q: usize = 0;
  while (q < hash && load<u8>(p + q) != 63) q++; // '?'
  // Everything but the query is copied; the query shrinks, or grows by one encoded parameter and its separators.
  const dst = arenaAlloc(len + 3 + (set ? 3 * (strLen(key) + strLen(value)) : 0));
  const mark = put(dst, str(p, q));
  let w = mark + 1; // after the `?`, written at the end unless the query is empty
  let found = false;
  for (let i = q + 1; i < hash; ) {
    let end = i;
    while (end < hash && load<u8>(p + end) != 38) end++; // '&'
    let eq = i;
    while (eq < end && load<u8>(p + eq) != 61) eq++; // '='
    // Empty segments (`&&`, a leading or trailing `&`) are not parameters: an edited query drops them.
    if (end > i) {
      if (!decodedEquals(p + i, eq - i, key)) {
        w = put(separate(w, mark), str(p + i, end - i));
      } else if (!found) {
        found = true;
        if (set) w = putParam(separate(w, mark), key, value);
      }
    }
    i = end + 1;
  }
  if (!set && !found) return; // nothing to remove: :path stays exactly as it was
  if (set && !found) w = putParam(separate(w, mark), key, value);
  if (w == mark + 1) w = mark;
  else store<u8>(mark, 63);
  w = put(w, str(p + hash, len - hash));
  setHeaderChecked(MAP_REQUEST_HEADERS, name, str(dst, w - dst));
}

/** An `&` before the next parameter unless it is the first. */
// @ts-ignore: decorator
@inline function separate(w: usize, mark: usize): usize {
  if (w == mark + 1) return w;
  store<u8>(w, 38);
  return w + 1;
}

function putParam(w: usize, key: Str, value: Str): usize {
  w = putEncoded(w, key);
  store<u8>(w, 61);
  return putEncoded(w + 1, value);
}

/**
 * RFC 3986 percent-encoding: `A-Z a-z 0-9 - . _ ~` as they are, every other byte as `%XX` in upper-case hex.
 * `url_encode(s)` (runtime/string-builders.ts) writes with it too: at most 3 bytes per byte of `s`.
 */
export function putEncoded(w: usize, s: Str): usize {
  const p = strPtr(s);
  const n = strLen(s);
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (isUnreserved(c)) {
      store<u8>(w++, <u8>c);
    } else {
      store<u8>(w, 37);
      store<u8>(w + 1, hexUpper(c >> 4));
      store<u8>(w + 2, hexUpper(c & 15));
      w += 3;
    }
  }
  return w;
}

/** RFC 3986's unreserved characters: `A-Z a-z 0-9 - . _ ~`, the bytes percent-encoding keeps. */
// @ts-ignore: decorator
@inline export function isUnreserved(c: u32): bool {
  return (c | 32) - 97 < 26 || c - 48 < 10 || c == 45 || c == 46 || c == 95 || c == 126;
}

// @ts-ignore: decorator
@inline function hexUpper(d: u32): u8 {
  return <u8>(d < 10 ? 48 + d : 55 + d);
}
